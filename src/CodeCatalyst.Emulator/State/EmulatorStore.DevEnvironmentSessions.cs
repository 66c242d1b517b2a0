using System.Security.Cryptography;
using CodeCatalyst.Emulator.Protocol;

namespace CodeCatalyst.Emulator.State;

internal sealed record DevEnvironmentSessionView(
    string SpaceName, string ProjectName, string DevEnvironmentId, string Id, DateTimeOffset StartedTime, string ListingKey);

/// <summary>
/// A session just started, with the credentials to reach it. They are returned this once: the store does not keep
/// the token, so no later call can show it.
/// </summary>
internal sealed record StartedDevEnvironmentSession(
    string SpaceName, string ProjectName, string DevEnvironmentId, string SessionId, string StreamUrl, string TokenValue);

internal sealed partial class EmulatorStore
{
    /// <summary>Opens a session (SSM or SSH) to a RUNNING dev environment; Conflict in any other status.</summary>
    public StartedDevEnvironmentSession StartDevEnvironmentSession(
        string spaceName, string projectName, string id, string sessionType, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            var environment = FindDevEnvironment(project, id, now);
            var status = environment.StatusAt(now);
            if (status != DevEnvironmentStatuses.Running)
            {
                throw ApiException.Conflict(
                    $"The dev environment '{id}' is {status}; a session can only start on a RUNNING dev environment. Start it and wait until it is RUNNING.");
            }

            // Shaped like an SSM session id: the user's name and a random suffix.
            var sessionId = $"{SignedInUser.UserName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17]}";
            environment.Sessions.Add(sessionId, new DevEnvironmentSessionState(sessionId, now, nextSequence++, sessionType));
            AppendEvent(project.Space, "StartDevEnvironmentSession", now, caller, project);
            return new StartedDevEnvironmentSession(
                project.Space.Name,
                project.Name,
                environment.Id,
                sessionId,
                $"wss://ssmmessages.{project.Space.RegionName}.amazonaws.com/v1/data-channel/{sessionId}?role=publish_subscribe",
                Base64Url(RandomNumberGenerator.GetBytes(48)));
        }
    }

    /// <summary>The dev environment's open sessions, oldest first (none unless it is running).</summary>
    public IReadOnlyList<DevEnvironmentSessionView> ListDevEnvironmentSessions(
        string spaceName, string projectName, string devEnvironmentId)
    {
        lock (gate)
        {
            var environment = FindDevEnvironment(FindProject(spaceName, projectName), devEnvironmentId, Now());
            return environment.Sessions.Values
                .OrderBy(session => session.Sequence)
                .Select(session => ToView(environment, session))
                .ToList();
        }
    }

    public DevEnvironmentSessionView StopDevEnvironmentSession(
        string spaceName, string projectName, string id, string sessionId, CallerContext? caller = null)
    {
        lock (gate)
        {
            var project = FindProject(spaceName, projectName);
            var now = Now();
            var environment = FindDevEnvironment(project, id, now);
            var session = environment.Sessions.GetValueOrDefault(sessionId)
                ?? throw ApiException.NotFound($"The session '{sessionId}' was not found on dev environment '{id}'.");
            environment.Sessions.Remove(sessionId);
            AppendEvent(project.Space, "StopDevEnvironmentSession", now, caller, project);
            return ToView(environment, session);
        }
    }

    private static DevEnvironmentSessionView ToView(DevEnvironmentState environment, DevEnvironmentSessionState session) =>
        new(
            environment.Project.Space.Name,
            environment.Project.Name,
            environment.Id,
            session.Id,
            session.StartedTime,
            CreationOrderKey(session.Sequence));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
