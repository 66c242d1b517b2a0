namespace CodeCatalyst.WireGen;

/// <summary>
/// One service the tool generates for: where its model is in botocore, where its spec and operation table live, and
/// the folders and namespaces its generated code goes to in the module and the emulator. Each JSON context has its
/// own class name: System.Text.Json's source generator names its files by class, not namespace.
/// </summary>
public sealed record ServiceTarget(
    string BotocoreService,
    string ApiVersion,
    string SpecPath,
    string TablePath,
    string ModuleFolder,
    string ModelsNamespace,
    string WireNamespace,
    string ApiNamespace,
    string ApiClass,
    string EmulatorFolder,
    string EmulatorNamespace,
    string JsonContext,
    bool EmptyStringsAreValues = false)
{
    public static readonly ServiceTarget CodeCatalyst = new(
        "codecatalyst", "2022-09-28",
        "src/CodeCatalyst/Wire/codecatalyst.spec.json", "src/CodeCatalyst/Wire/operations.txt",
        "src/CodeCatalyst/Wire/Generated", "CodeCatalyst.Models", "CodeCatalyst.Wire", "CodeCatalyst.Core", "CodeCatalystApi",
        "src/CodeCatalyst.Emulator/Wire/Generated", "CodeCatalyst.Emulator.Wire", "WireJsonContext");

    /// <summary>AWS Amplify's job, deployment, app and branch operations: its own namespaces, so its type names (App, Job) stay apart.</summary>
    public static readonly ServiceTarget Amplify = new(
        "amplify", "2017-07-25",
        "src/CodeCatalyst/Amplify/Wire/amplify.spec.json", "src/CodeCatalyst/Amplify/Wire/operations.txt",
        "src/CodeCatalyst/Amplify/Wire/Generated", "CodeCatalyst.Amplify.Models", "CodeCatalyst.Amplify.Wire", "CodeCatalyst.Amplify", "AmplifyApi",
        "src/CodeCatalyst.Emulator/Amplify/Wire/Generated", "CodeCatalyst.Emulator.Amplify.Wire", "AmplifyJsonContext",
        EmptyStringsAreValues: true);

    public static readonly IReadOnlyList<ServiceTarget> All = [CodeCatalyst, Amplify];

    // EmptyStringsAreValues: whether a required string member may be "" (Amplify answers "repository": "" for an app
    // deployed by hand). CodeCatalyst's required strings are never empty, so "" there means the member is missing.

    /// <summary>The header line naming what a generated file came from.</summary>
    public string Sources => $"{SpecPath} and {TablePath}";
}
