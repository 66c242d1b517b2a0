using CodeCatalyst.WireGen;

namespace CodeCatalyst.WireGen.Tests;

/// <summary>
/// Amplify goes through the same spec and generator as CodeCatalyst: its table covers its model, its spec is what
/// botocore's model gives, and what differs from CodeCatalyst (answers that wrap the object, epoch-second
/// timestamps, maps, secrets no cmdlet needs) comes out right in the generated code.
/// </summary>
public sealed class AmplifyTargetTests
{
    private static readonly ServiceTarget Target = ServiceTarget.Amplify;
    private static readonly ServiceSpec Spec = ServiceSpec.FromJson(Repository.Read(Target.SpecPath));
    private static readonly OperationTable Table = OperationTable.Parse(Repository.Read(Target.TablePath));
    private static readonly IReadOnlyDictionary<string, string> Files =
        WireGeneration.Generate(Repository.Read(Target.SpecPath), Repository.Read(Target.TablePath), Target);

    private static string Generated(string name) => Files[Target.ModuleFolder + "/" + name];

    [Fact]
    public void Every_Amplify_operation_is_mapped_or_left_out_with_a_reason()
    {
        var unaccounted = Spec.Operations.Select(operation => operation.Name)
            .Where(name => Table.Row(name) == null && !Table.LeftOut.ContainsKey(name))
            .ToList();
        Assert.True(unaccounted.Count == 0, "Operations neither in the table nor left out: " + string.Join(", ", unaccounted));
        Assert.Equal(37, Spec.Operations.Count);
        Assert.All(Table.LeftOut.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        string[] issueOperations = ["ListJobs", "GetJob", "StartJob", "StopJob", "DeleteJob", "StartDeployment", "CreateDeployment", "ListApps", "GetApp", "ListBranches", "GetBranch"];
        Assert.Equal(issueOperations.Order(), Table.Rows.Select(row => row.Operation).Order());
    }

    [Fact]
    public void ListJobs_pages_through_jobSummaries_and_the_errors_are_Amplifys()
    {
        var listJobs = Spec.Operation("ListJobs");
        Assert.Equal("jobSummaries", listJobs.Paginator!.ResultKey);
        Assert.Contains("result.Value.JobSummaries, result.Value.NextToken", Generated("Operations.g.cs"));
        // The error shapes the issue names, with the statuses the model gives them.
        var statuses = Spec.Errors.ToDictionary(error => error.Shape, error => error.HttpStatus);
        Assert.Equal(404, statuses["NotFoundException"]);
        Assert.Equal(401, statuses["UnauthorizedException"]);
        Assert.Equal(429, statuses["LimitExceededException"]);
        Assert.Equal(503, statuses["DependentServiceFailureException"]);
    }

    [Fact]
    public void A_wrapped_answer_is_read_through_its_envelope_and_its_object_is_checked()
    {
        var operations = Generated("Operations.g.cs");
        Assert.Contains("internal sealed class GetAppEnvelope", operations);
        Assert.Contains("AmplifyJsonContext.Default.GetAppEnvelope", operations);
        Assert.Contains("Unwrapped(envelope, envelope.Value.App, \"app\", request.OperationName)", operations);
        Assert.Contains("public async Task<App> GetAppAsync(", operations);
        Assert.Contains("public async Task<JobSummary> StartJobAsync(", operations);
    }

    [Fact]
    public void Sensitive_members_no_cmdlet_needs_are_left_out_of_every_public_type()
    {
        var models = Generated("Models.g.cs");
        Assert.DoesNotContain("BasicAuthCredentials", models);
        Assert.DoesNotContain("BuildSpec", models);
        // Without the table's omit lines, the generator refuses to make a public type that holds a secret.
        var withoutOmits = string.Join("\n", Repository.Read(Target.TablePath).Split('\n').Where(line => !line.StartsWith("omit ", StringComparison.Ordinal)));
        var error = Assert.Throws<InvalidDataException>(() => WireGeneration.Generate(Repository.Read(Target.SpecPath), withoutOmits, Target));
        Assert.Contains("secret", error.Message);
    }

    [Fact]
    public void Body_timestamps_go_as_epoch_seconds_as_rest_json_says_when_the_model_gives_no_format()
    {
        Assert.Null(Spec.Shape("CommitTime").TimestampFormat);
        var inputs = Generated("Inputs.g.cs");
        Assert.Contains("writer.WriteNumberValue(WireFormat.EpochSeconds(CommitTime.Value));", inputs);
        var codeCatalystInputs = Repository.Read(ServiceTarget.CodeCatalyst.ModuleFolder + "/Inputs.g.cs");
        Assert.DoesNotContain("EpochSeconds", codeCatalystInputs);
        Assert.Contains("EpochSecondsJsonConverter", Files[Target.EmulatorFolder + "/Contracts.g.cs"]);
    }

    [Fact]
    public void Its_generated_code_lives_in_its_own_namespaces()
    {
        Assert.Contains("namespace CodeCatalyst.Amplify.Models", Generated("Models.g.cs"));
        Assert.Contains("namespace CodeCatalyst.Amplify.Wire", Generated("Inputs.g.cs"));
        Assert.Contains("internal sealed partial class AmplifyApi", Generated("Operations.g.cs"));
        Assert.Contains("namespace CodeCatalyst.Emulator.Amplify.Wire;", Files[Target.EmulatorFolder + "/Requests.g.cs"]);
    }

    [Fact]
    public void Distilling_the_installed_botocore_Amplify_model_gives_the_checked_in_spec()
    {
        var folder = WireGeneration.FindBotocoreModelFolder(Target.BotocoreService, Target.ApiVersion);
        if (folder == null)
        {
            // The CodeCatalyst twin of this test is skipped with its reason where botocore is missing; say so here too.
            Assert.Null(BotocoreFactAttribute.ModelFolder);
            return;
        }

        Assert.True(WireGeneration.DistillFrom(folder) == Repository.Read(Target.SpecPath),
            $"The installed botocore model differs from {Target.SpecPath}; regenerate with tools/CodeCatalyst.WireGen and review the change.");
    }
}
