using CodeCatalyst.Emulator.Data;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;

namespace CodeCatalyst.Emulator.Tests.Store;

/// <summary>Builds a store over the built-in sample data and checks the service errors it throws.</summary>
internal static class StoreTesting
{
    public static EmulatorStore CreateStore(ManualClock clock, double runSpeed = 1) =>
        new(DataSetLoader.LoadBuiltIn(), clock, runSpeed);

    /// <summary>Runs <paramref name="action"/>, expects the given service error, and returns its message.</summary>
    public static string AssertApiError(int statusCode, string errorType, Action action)
    {
        var exception = Assert.ThrowsAny<ApiException>(action);
        Assert.Equal(statusCode, exception.StatusCode);
        Assert.Equal(errorType, exception.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        return exception.Message;
    }

    public static string AssertNotFound(Action action) => AssertApiError(404, "ResourceNotFoundException", action);

    public static string AssertConflict(Action action) => AssertApiError(409, "ConflictException", action);

    public static string AssertValidation(Action action) => AssertApiError(400, "ValidationException", action);

    /// <summary>Every event of the space so far, oldest first.</summary>
    public static IReadOnlyList<EventLogEntryView> AllEvents(EmulatorStore store, string spaceName = SampleData.SpaceName) =>
        store.ListEventLogs(spaceName, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    public static NewDevEnvironment SmallDevEnvironment(string? clientToken = null, string? alias = null) =>
        new(
            "dev.standard1.small",
            16,
            Repositories: [new DevEnvironmentRepository(SampleData.SourceRepositoryName, SampleData.SourceBranchName)],
            Ides: [new DevEnvironmentIde("VSCode")],
            Alias: alias,
            ClientToken: clientToken);
}
