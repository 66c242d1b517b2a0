using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>A user as GetUserDetails returns it.</summary>
internal sealed record UserView(
    string UserId, string UserName, string? DisplayName, string? Email, bool EmailVerified, string Version);

internal sealed partial class EmulatorStore
{
    /// <summary>The version GetUserDetails reports; the model leaves it undocumented and user records never change here.</summary>
    private const string UserRecordVersion = "1";

    /// <summary>
    /// A user by id or by name (names compare without case). With both, they must name the same user. Validation
    /// when neither is given.
    /// </summary>
    public UserView GetUserDetails(string? id = null, string? userName = null)
    {
        if (id is null && userName is null)
        {
            throw ApiException.Validation("Specify the user's id or userName.");
        }

        lock (gate)
        {
            var user = users.FirstOrDefault(candidate =>
                    (id is null || string.Equals(candidate.Id, id, StringComparison.OrdinalIgnoreCase))
                    && (userName is null || string.Equals(candidate.UserName, userName, StringComparison.OrdinalIgnoreCase)))
                ?? throw ApiException.NotFound(id is not null
                    ? $"The user with id '{id}'{(userName is null ? "" : $" and userName '{userName}'")} was not found."
                    : $"The user '{userName}' was not found.");
            return ToView(user);
        }
    }

    /// <summary>The user every call acts as (creatorId of new dev environments, identity in event logs).</summary>
    public UserView GetSignedInUser()
    {
        lock (gate)
        {
            return ToView(SignedInUser);
        }
    }

    private static UserView ToView(UserState user) =>
        new(user.Id, user.UserName, user.DisplayName, user.Email, user.EmailVerified, UserRecordVersion);
}
