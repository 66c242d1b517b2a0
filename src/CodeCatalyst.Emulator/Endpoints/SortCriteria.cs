using System.Text.Json;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.Endpoints;

/// <summary>The list operations' <c>sortBy</c> member: a list of member-less structures, at most one long.</summary>
internal static class SortCriteria
{
    public static void Check(List<JsonElement>? sortBy)
    {
        if (sortBy is { Count: > ModelConstraints.MaxSortCriteria })
        {
            throw ApiException.Validation(
                $"The member 'sortBy' may hold at most {ModelConstraints.MaxSortCriteria} sort criterion.");
        }

        if (sortBy is not null && sortBy.Any(static criterion => criterion.ValueKind != JsonValueKind.Object))
        {
            throw ApiException.Validation("Each entry of 'sortBy' must be an object.");
        }
    }
}
