using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

/// <summary>
/// Where a call came from, as the HTTP layer knows it. State-changing operations take it optionally and copy it
/// into the event log entry they write.
/// </summary>
internal sealed record CallerContext(string? RequestId = null, string? SourceIpAddress = null, string? UserAgent = null);

/// <summary>Who acted (the model's <c>UserIdentity</c>).</summary>
internal sealed record EventUserIdentityView(string UserType, string PrincipalId, string? UserName, string? AwsAccountId);

/// <summary>The project an event concerns (the model's <c>ProjectInformation</c>).</summary>
internal sealed record EventProjectView(string Name, string ProjectId);

/// <summary>One entry of a space's event log (the model's <c>EventLogEntry</c>, without the optional payloads).</summary>
internal sealed record EventLogEntryView(
    string Id,
    string EventName,
    string EventType,
    string EventCategory,
    string EventSource,
    DateTimeOffset EventTime,
    string OperationType,
    EventUserIdentityView UserIdentity,
    EventProjectView? ProjectInformation,
    string? RequestId,
    string? SourceIpAddress,
    string? UserAgent,
    string? ErrorCode,
    string ListingKey);

/// <summary>The fixed values of the event log entries the emulator writes.</summary>
internal static class EventLogValues
{
    // The model types these as free strings; the emulator uses CloudTrail's vocabulary for API calls.
    public const string EventType = "AwsApiCall";
    public const string EventCategory = "Management";
    public const string EventSource = "codecatalyst.amazonaws.com";

    /// <summary>The model's <c>OperationType</c> for a call that changed something.</summary>
    public const string Mutation = "MUTATION";

    /// <summary>The model's <c>UserType</c> for a CodeCatalyst user.</summary>
    public const string UserType = "USER";
}

internal sealed partial class EmulatorStore
{
    /// <summary>
    /// The space's events with <paramref name="startTime"/> &lt;= eventTime &lt;= <paramref name="endTime"/>, oldest
    /// first, optionally only those named <paramref name="eventName"/> (an operation name such as CreateProject).
    /// </summary>
    public IReadOnlyList<EventLogEntryView> ListEventLogs(
        string spaceName, DateTimeOffset startTime, DateTimeOffset endTime, string? eventName = null)
    {
        if (endTime < startTime)
        {
            throw ApiException.Validation("The endTime must not be earlier than the startTime.");
        }

        lock (gate)
        {
            return FindSpace(spaceName).EventLog
                .Where(entry => entry.EventTime >= startTime && entry.EventTime <= endTime)
                .Where(entry => eventName is null || string.Equals(entry.EventName, eventName, StringComparison.Ordinal))
                .ToList();
        }
    }

    /// <summary>Records a successful state-changing call in the space's event log. Call with the lock held.</summary>
    private void AppendEvent(
        SpaceState space, string eventName, DateTimeOffset eventTime, CallerContext? caller, ProjectState? project = null)
    {
        var user = SignedInUser;
        space.EventLog.Add(new EventLogEntryView(
            Guid.NewGuid().ToString(),
            eventName,
            EventLogValues.EventType,
            EventLogValues.EventCategory,
            EventLogValues.EventSource,
            eventTime,
            EventLogValues.Mutation,
            new EventUserIdentityView(EventLogValues.UserType, user.Id, user.UserName, AwsAccountId: null),
            project is null ? null : new EventProjectView(project.Name, project.Id),
            caller?.RequestId,
            caller?.SourceIpAddress,
            caller?.UserAgent,
            ErrorCode: null,
            CreationOrderKey(nextSequence++)));
    }
}
