using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>One page of a list operation's results.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>
/// Keyset pagination with opaque tokens. A token remembers the sort key of the last item returned, so items
/// added while a client pages (new runs, for instance) neither repeat nor shift later pages. It also remembers
/// which listing it belongs to, so a token cannot be replayed against a different list.
/// </summary>
internal static class PageToken
{
    public const int DefaultPageSize = 50;

    /// <param name="orderedItems">All items, already in the order the client sees them.</param>
    /// <param name="sortKey">A key that increases (ordinal) along <paramref name="orderedItems"/>.</param>
    /// <param name="listingScope">Identifies the listing (operation and filters) the token is valid for.</param>
    public static Page<T> Paginate<T>(
        IReadOnlyList<T> orderedItems, Func<T, string> sortKey, string listingScope, string? nextToken, int? maxResults)
    {
        var startIndex = 0;
        if (nextToken is not null)
        {
            var lastKeySeen = Decode(nextToken, listingScope);
            startIndex = orderedItems.Count;
            for (var index = 0; index < orderedItems.Count; index++)
            {
                if (string.CompareOrdinal(sortKey(orderedItems[index]), lastKeySeen) > 0)
                {
                    startIndex = index;
                    break;
                }
            }
        }

        // Most models bound maxResults from 1; where one sets no minimum (ListAccessTokens), a page of nothing
        // followed by a token would never end, so the emulator refuses it.
        if (maxResults is < 1)
        {
            throw ApiException.Validation($"The value '{maxResults}' of 'maxResults' is not valid: it must be at least 1.");
        }

        var pageSize = maxResults ?? DefaultPageSize;
        var pageItems = orderedItems.Skip(startIndex).Take(pageSize).ToList();
        var hasMore = startIndex + pageItems.Count < orderedItems.Count;
        var token = hasMore ? Encode(listingScope, sortKey(pageItems[^1])) : null;
        return new Page<T>(pageItems, token);
    }

    private static string Encode(string listingScope, string lastKeySeen)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new TokenContent(listingScope, lastKeySeen));
        return Base64Url.EncodeToString(json);
    }

    private static string Decode(string nextToken, string listingScope)
    {
        try
        {
            var content = JsonSerializer.Deserialize<TokenContent>(Base64Url.DecodeFromChars(nextToken));
            if (content is { Scope: not null, LastKey: not null } && content.Scope == listingScope)
            {
                return content.LastKey;
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            // Falls through to the one error clients see for any token we did not issue for this listing.
        }

        throw ApiException.Validation("The nextToken is not valid for this request.");
    }

    private sealed record TokenContent(string? Scope, string? LastKey);
}
