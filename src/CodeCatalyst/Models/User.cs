namespace CodeCatalyst.Models
{
    /// <summary>A user (GetUserDetails): shows as the user name.</summary>
    public sealed partial class User
    {
        public override string ToString() => UserName ?? UserId ?? "";
    }

    /// <summary>An email address of a user: shows as the address.</summary>
    public sealed partial class EmailAddress
    {
        public override string ToString() => Email ?? "";
    }

    /// <summary>Who acted, in an event log entry: shows as the user name, else the principal id.</summary>
    public sealed partial class UserIdentity
    {
        public override string ToString() => string.IsNullOrEmpty(UserName) ? PrincipalId : UserName!;
    }

    /// <summary>The project an event log entry concerns: shows as its name.</summary>
    public sealed partial class ProjectInformation
    {
        public override string ToString() => Name ?? ProjectId ?? "";
    }

    /// <summary>A request or response payload of an event log entry: shows as its content type and size, not its data.</summary>
    public sealed partial class EventPayload
    {
        public override string ToString() =>
            Data == null ? ContentType ?? "" : $"{ContentType ?? "data"} ({Data.Length} characters)";
    }
}
