using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// How a service failure reaches the user: the error category comes from the model's error shape or, for a code
    /// the module does not know, from the HTTP status and the operation (never from the message's wording), the
    /// error id is the service's code, and the advice names the cmdlets that fit the operation that failed.
    /// </summary>
    public sealed class ServiceErrorMappingTests : IDisposable
    {
        private const string Token = "cc-error-mapping-token-4b1e";
        private const string RunId = "2f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        private const string WorkflowId = "3f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

        /// <summary>The cmdlets of the module, now and as issue 7 names them; advice may point only at these.</summary>
        private static readonly string[] CmdletNames =
        {
            "Get-CCSpace", "Get-CCSubscription", "Get-CCProject", "Get-CCSourceRepository", "Get-CCSourceRepositoryCloneUrl",
            "Get-CCSourceRepositoryBranch", "Get-CCDevEnvironment", "Get-CCDevEnvironmentSession", "Get-CCAccessToken",
            "Get-CCUser", "Get-CCEventLog", "Get-CCWorkflow", "Get-CCWorkflowRun", "Test-CCSession",
        };

        private readonly PowerShellSession _shell = new();

        public ServiceErrorMappingTests()
        {
            _shell.Runspace.SessionStateProxy.SetVariable("CCToken", EmulatorSession.ToSecureString(Token));
        }

        public void Dispose() => _shell.Dispose();

        // ---- end to end, through the cmdlets, against a loopback stub ----

        [Theory]
        [InlineData(400, ErrorCategory.InvalidArgument)]
        [InlineData(401, ErrorCategory.PermissionDenied)]
        [InlineData(402, ErrorCategory.QuotaExceeded)]
        [InlineData(403, ErrorCategory.PermissionDenied)]
        [InlineData(404, ErrorCategory.ObjectNotFound)]
        [InlineData(405, ErrorCategory.InvalidOperation)]
        [InlineData(409, ErrorCategory.InvalidOperation)]
        [InlineData(410, ErrorCategory.InvalidOperation)]
        [InlineData(418, ErrorCategory.InvalidOperation)]
        [InlineData(429, ErrorCategory.LimitsExceeded)]
        [InlineData(500, ErrorCategory.ConnectionError)]
        [InlineData(503, ErrorCategory.ConnectionError)]
        [InlineData(504, ErrorCategory.ConnectionError)]
        public void Get_CCWorkflowRun_failing_with_an_unknown_code_gets_the_category_of_its_HTTP_status(int status, ErrorCategory category)
        {
            var error = GetRunFailingWith(status, "SomeGatewayException", "the gateway said no");

            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.StartsWith("SomeGatewayException,", error.FullyQualifiedErrorId);
            Assert.Equal(RunId, error.TargetObject);
            Assert.Contains("GetWorkflowRun failed: the gateway said no", error.Exception.Message);
        }

        [Theory]
        [InlineData("AccessDeniedException", 403, ErrorCategory.PermissionDenied)]
        [InlineData("ConflictException", 409, ErrorCategory.InvalidOperation)]
        [InlineData("ResourceNotFoundException", 404, ErrorCategory.ObjectNotFound)]
        [InlineData("ServiceQuotaExceededException", 402, ErrorCategory.QuotaExceeded)]
        [InlineData("ThrottlingException", 429, ErrorCategory.LimitsExceeded)]
        [InlineData("ValidationException", 400, ErrorCategory.InvalidArgument)]
        // A known code decides, whatever status comes with it.
        [InlineData("ThrottlingException", 400, ErrorCategory.LimitsExceeded)]
        [InlineData("ResourceNotFoundException", 400, ErrorCategory.ObjectNotFound)]
        public void Get_CCWorkflowRun_failing_with_an_error_shape_of_the_model_gets_that_shapes_category(string code, int status,
            ErrorCategory category)
        {
            var error = GetRunFailingWith(status, code, "refused");

            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.StartsWith(code + ",", error.FullyQualifiedErrorId);
            Assert.Equal("CodeCatalyst" + code, error.Exception.GetType().Name);
        }

        [Fact]
        public void Get_CCWorkflowRun_of_a_run_that_does_not_exist_advises_Get_CCWorkflowRun()
        {
            var error = GetRunFailingWith(404, "ResourceNotFoundException", "Workflow run not found");

            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("-SpaceName, -ProjectName and the run id", error.ErrorDetails.RecommendedAction);
            Assert.Contains("Get-CCWorkflowRun lists the runs of a project", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Start_CCWorkflowRun_refused_with_a_conflict_is_InvalidOperation_even_when_the_message_says_exists()
        {
            // The old mapping read "exist" in the message as ResourceExists; starting a run creates nothing by name.
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json(
                "{\"message\":\"A run already exists for this workflow and it cannot start another\"}", 409,
                ("x-amzn-ErrorType", "ConflictException"), ("x-amzn-RequestId", "req-conflict-1")));

            var result = _shell.Run(@"
                $null = Connect-CCAccount -EndpointUrl $args[0] -Token $CCToken -MaxAttempts 1 -SkipVerification
                try { Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $args[1] }
                finally { Disconnect-CCAccount }", stub.BaseAddress, WorkflowId);

            var error = Assert.Single(result.Errors);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.StartsWith("ConflictException,", error.FullyQualifiedErrorId);
            Assert.Equal(WorkflowId, error.TargetObject);
            Assert.Contains("req-conflict-1", error.Exception.Message);
            Assert.Contains("The workflow is not in a state that allows StartWorkflowRun now", error.ErrorDetails.RecommendedAction);
            Assert.Contains("Get-CCWorkflow lists the workflows of a project", error.ErrorDetails.RecommendedAction);
            Assert.Single(stub.Requests);
        }

        // ---- at the exception and ErrorRecord level, for operations no cmdlet calls yet ----

        [Theory]
        [InlineData("ConflictException", "CreateProject", ErrorCategory.ResourceExists)]
        [InlineData("ConflictException", "CreateSourceRepository", ErrorCategory.ResourceExists)]
        [InlineData("ConflictException", "CreateSourceRepositoryBranch", ErrorCategory.ResourceExists)]
        [InlineData("ConflictException", "CreateDevEnvironment", ErrorCategory.ResourceExists)]
        [InlineData("ConflictException", "CreateAccessToken", ErrorCategory.ResourceExists)]
        [InlineData("ConflictException", "DeleteProject", ErrorCategory.InvalidOperation)]
        [InlineData("ConflictException", "StopDevEnvironment", ErrorCategory.InvalidOperation)]
        [InlineData("ConflictException", "UpdateSpace", ErrorCategory.InvalidOperation)]
        [InlineData("ConflictException", "StartWorkflowRun", ErrorCategory.InvalidOperation)]
        [InlineData("SomeProxyConflict", "CreateProject", ErrorCategory.ResourceExists)]
        [InlineData("SomeProxyConflict", "DeleteDevEnvironment", ErrorCategory.InvalidOperation)]
        public void A_409_is_ResourceExists_on_a_create_and_InvalidOperation_on_anything_else(string code, string operation,
            ErrorCategory category)
        {
            // The message says neither "exists" nor anything else: only the operation decides.
            var exception = ServiceException(code, 409, operation, "Conflict");
            var record = Record(exception, "target");

            Assert.Equal("CodeCatalystConflictException", exception.GetType().Name);
            Assert.Equal(category, CategoryOf(exception));
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal(code, record.FullyQualifiedErrorId); // written by a cmdlet, ",<cmdlet type>" follows
        }

        [Fact]
        public void A_project_name_already_taken_is_ResourceExists_and_advises_another_name_and_Get_CCProject()
        {
            var record = Record(ServiceException("ConflictException", 409, "CreateProject", "Project name is not available"), "MyNewProject");

            Assert.Equal(ErrorCategory.ResourceExists, record.CategoryInfo.Category);
            Assert.Equal("MyNewProject", record.TargetObject);
            Assert.Equal("A project of that name already exists, or is being created: choose another name. " +
                         "Get-CCProject lists the projects of a space.", record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Stopping_a_dev_environment_in_the_wrong_state_advises_checking_its_status_with_Get_CCDevEnvironment()
        {
            var record = Record(ServiceException("ConflictException", 409, "StopDevEnvironment", "Conflict"), "env-1");

            Assert.Equal(ErrorCategory.InvalidOperation, record.CategoryInfo.Category);
            Assert.Contains("The dev environment is not in a state that allows StopDevEnvironment now", record.ErrorDetails.RecommendedAction);
            Assert.Contains("Get-CCDevEnvironment lists the dev environments of a project, with their status", record.ErrorDetails.RecommendedAction);
        }

        [Theory]
        [InlineData("GetProject", "Check -SpaceName and the project name.", "Get-CCProject lists the projects of a space")]
        [InlineData("DeleteProject", "Check -SpaceName and the project name.", "Get-CCProject lists the projects of a space")]
        [InlineData("ListProjects", "Check -SpaceName.", "Get-CCSpace lists the spaces you belong to")]
        [InlineData("ListSourceRepositoryBranches", "Check -SpaceName, -ProjectName and the repository name.", "Get-CCSourceRepository lists")]
        [InlineData("GetSourceRepositoryCloneUrls", "Check -SpaceName, -ProjectName and the repository name.", "Get-CCSourceRepository lists")]
        [InlineData("GetDevEnvironment", "Check -SpaceName, -ProjectName and the dev environment id.", "Get-CCDevEnvironment lists")]
        [InlineData("StopDevEnvironmentSession", "the session id.", "Get-CCDevEnvironmentSession lists")]
        [InlineData("DeleteAccessToken", "Check the access token id.", "Get-CCAccessToken lists")]
        [InlineData("CreateSourceRepositoryBranch", "Check -SpaceName, -ProjectName, the repository name and the head commit.", "Get-CCSourceRepository lists")]
        [InlineData("GetWorkflowRun", "Check -SpaceName, -ProjectName and the run id.", "Get-CCWorkflowRun lists the runs")]
        [InlineData("StartWorkflowRun", "Check -SpaceName, -ProjectName and -WorkflowId.", "Get-CCWorkflow lists the workflows")]
        public void Not_found_advice_names_what_to_check_and_the_cmdlet_that_lists_it(string operation, string check, string lister)
        {
            var record = Record(ServiceException("ResourceNotFoundException", 404, operation, "Not found"), null);

            Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
            Assert.Contains(check, record.ErrorDetails.RecommendedAction);
            Assert.Contains(lister, record.ErrorDetails.RecommendedAction);
            if (!operation.Contains("Workflow")) Assert.DoesNotContain("Workflow", record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_rejected_input_points_at_the_help_of_the_cmdlet_that_sent_it()
        {
            var record = Record(ServiceException("ValidationException", 400, "CreateSourceRepositoryBranch", "headCommitId is invalid"), null);

            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Contains("Get-Help New-CCSourceRepositoryBranch -Full", record.ErrorDetails.RecommendedAction);
        }

        [Theory]
        [InlineData("BadRequestException", "StopJob", ErrorCategory.InvalidOperation)]
        [InlineData("BadRequestException", "DeleteJob", ErrorCategory.InvalidOperation)]
        [InlineData("ValidationException", "DeleteJob", ErrorCategory.InvalidOperation)]
        [InlineData("BadRequestException", "StartJob", ErrorCategory.InvalidArgument)]
        [InlineData("BadRequestException", "StartDeployment", ErrorCategory.InvalidArgument)]
        [InlineData("ValidationException", "StopDevEnvironment", ErrorCategory.InvalidArgument)]
        public void A_400_is_a_wrong_state_only_for_operations_whose_inputs_are_all_ids_checked_before_sending(string code,
            string operation, ErrorCategory category)
        {
            // Same wording each time: only the operation decides, and the error id stays the service's code.
            var exception = ServiceException(code, 400, operation, "Job 7 cannot be stopped or deleted in its current state");
            var record = Record(exception, "7");

            Assert.Equal("CodeCatalystValidationException", exception.GetType().Name);
            Assert.Equal(category, CategoryOf(exception));
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal(code, record.FullyQualifiedErrorId);
            Assert.Equal(category == ErrorCategory.InvalidArgument, record.ErrorDetails.RecommendedAction.StartsWith("Correct the input"));
        }

        [Fact]
        public void Each_operation_whose_400_is_a_wrong_state_takes_only_ids_in_its_path_and_has_advice_for_that_state()
        {
            var operations = ((IEnumerable<string>)ModuleType("CodeCatalyst.ServiceErrorCategories")
                .GetProperty("WrongStateOnBadRequest", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ToList();
            var spec = CodeCatalyst.WireGen.ServiceSpec.FromJson(System.IO.File.ReadAllText(
                System.IO.Path.Combine(RepositoryPaths.Root, "src", "CodeCatalyst", "Amplify", "Wire", "amplify.spec.json")));

            Assert.NotEmpty(operations);
            foreach (var operation in operations)
            {
                // Were any input free text or a body member, a 400 could be about it and would stay InvalidArgument.
                var input = spec.Shape(spec.Operation(operation).Input!);
                Assert.All(input.Members!, member =>
                {
                    Assert.Equal("uri", member.Location);
                    Assert.Contains(member.Name, input.Required!);
                    Assert.NotNull(spec.Shape(member.Shape).Pattern);
                });
                var advice = Record(ServiceException("BadRequestException", 400, operation, "refused"), null).ErrorDetails.RecommendedAction;
                Assert.Matches("(Get|Wait|Stop)-CCAmplifyJob", advice);
                Assert.DoesNotContain("Correct the input", advice);
            }
        }

        [Fact]
        public void An_operation_the_table_does_not_know_gets_general_advice_that_names_no_workflow_cmdlet()
        {
            var record = Record(ServiceException("ResourceNotFoundException", 404, "SomeFutureOperation", "Not found"), null);

            Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
            Assert.StartsWith("Check the names and ids given", record.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("Workflow", record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_status_no_error_shape_has_says_who_refused_and_what_to_check()
        {
            var record = Record(ServiceException("SomeGatewayException", 418, "GetProject", "I'm a teapot"), null);

            Assert.Equal(ErrorCategory.InvalidOperation, record.CategoryInfo.Category);
            Assert.Equal("The service, or a proxy on the way to it, refused the request with HTTP 418; check the endpoint " +
                         "(Test-CCSession) and the message.", record.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Exceptions_made_with_their_public_constructors_carry_the_same_categories()
        {
            Assert.Equal(ErrorCategory.ResourceExists,
                CategoryOf(Construct("CodeCatalystConflictException", "ConflictException", 409, "CreateProject")));
            Assert.Equal(ErrorCategory.InvalidOperation,
                CategoryOf(Construct("CodeCatalystConflictException", "ConflictException", 409, "DeleteProject")));
            Assert.Equal(ErrorCategory.ObjectNotFound,
                CategoryOf(Construct("CodeCatalystServiceException", "SomeProxyError", 404, "GetProject")));
            Assert.Equal(ErrorCategory.ConnectionError,
                CategoryOf(Construct("CodeCatalystServiceException", "SomeProxyError", 502, "GetProject")));
            Assert.Equal(ErrorCategory.InvalidOperation,
                CategoryOf(Construct("CodeCatalystServiceException", "SomeProxyError", 418, "GetProject")));
        }

        // ---- against the official service model ----

        [BotocoreFact]
        public void Every_operation_of_the_service_model_has_advice_and_the_table_names_no_other()
        {
            var model = BotocoreModel.Instance!;
            var table = ((IEnumerable<string>)ModuleType("CodeCatalyst.Cmdlets.OperationAdvice")
                .GetProperty("Operations", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ToList();

            Assert.Equal(38, model.Operations.Count);
            Assert.Empty(model.Operations.Except(table));
            Assert.Empty(table.Except(model.Operations));
            Assert.Equal(table.Count, table.Distinct().Count());

            foreach (var operation in model.Operations)
            {
                var notFound = Record(ServiceException("ResourceNotFoundException", 404, operation, "Not found"), null)
                    .ErrorDetails.RecommendedAction;
                Assert.StartsWith("Check ", notFound);
                Assert.DoesNotContain("Check the names and ids given", notFound);

                var conflict = Record(ServiceException("ConflictException", 409, operation, "Conflict"), null).ErrorDetails.RecommendedAction;
                var named = CmdletNames.Where(name => notFound.Contains(name + " ") || conflict.Contains(name + " ")).ToList();
                Assert.True(named.Count > 0 || operation == "VerifySession", $"the advice for {operation} names no cmdlet: {notFound} / {conflict}");
                Assert.Equal(operation.StartsWith("Create", StringComparison.Ordinal), conflict.Contains("already exists"));
            }
        }

        [BotocoreFact]
        public void Every_error_shape_of_the_service_model_has_its_own_exception_type_and_category()
        {
            var expected = new Dictionary<string, ErrorCategory>
            {
                ["AccessDeniedException"] = ErrorCategory.PermissionDenied,
                ["ConflictException"] = ErrorCategory.InvalidOperation, // on GetProject, which creates nothing
                ["ResourceNotFoundException"] = ErrorCategory.ObjectNotFound,
                ["ServiceQuotaExceededException"] = ErrorCategory.QuotaExceeded,
                ["ThrottlingException"] = ErrorCategory.LimitsExceeded,
                ["ValidationException"] = ErrorCategory.InvalidArgument,
            };
            var model = BotocoreModel.Instance!;

            Assert.Equal(expected.Keys.OrderBy(k => k), model.ErrorStatuses.Keys.OrderBy(k => k));
            foreach (var (shape, status) in model.ErrorStatuses)
            {
                var known = ServiceException(shape, status, "GetProject", "refused");
                Assert.Equal("CodeCatalyst" + shape, known.GetType().Name);
                Assert.Equal(expected[shape], CategoryOf(known));

                // A code the module does not know, at the same status, is read as that shape.
                var unknown = ServiceException("SomeGatewayException", status, "GetProject", "refused");
                Assert.Equal(known.GetType(), unknown.GetType());
                Assert.Equal(expected[shape], CategoryOf(unknown));
            }
        }

        // ---- helpers ----

        private ErrorRecord GetRunFailingWith(int status, string code, string message)
        {
            using var stub = new ScriptedHttpStub(_ => StubResponse.Json($"{{\"message\":\"{message}\"}}", status, ("x-amzn-ErrorType", code)));

            var result = _shell.Run(@"
                $null = Connect-CCAccount -EndpointUrl $args[0] -Token $CCToken -MaxAttempts 1 -SkipVerification
                try { Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $args[1] } finally { Disconnect-CCAccount }",
                stub.BaseAddress, RunId);

            Assert.Single(stub.Requests);
            return Assert.Single(result.Errors);
        }

        private static Assembly ModuleAssembly =>
            ImportedModule.Assembly;

        private static Type ModuleType(string name) => ModuleAssembly.GetType(name, throwOnError: true)!;

        /// <summary>The exception the module makes of an error answer, as its HTTP client does.</summary>
        private static Exception ServiceException(string code, int status, string operation, string message) =>
            (Exception)ModuleType("CodeCatalyst.ServiceExceptionFactory")
                .GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!
                .Invoke(null, new object?[] { code, message, status, "req-1", operation, 1 })!;

        private static Exception Construct(string typeName, string code, int status, string operation) =>
            (Exception)Activator.CreateInstance(ModuleType("CodeCatalyst." + typeName), code, "message", status, "req-1", operation, 1)!;

        private static ErrorRecord Record(Exception exception, object? target) =>
            (ErrorRecord)ModuleType("CodeCatalyst.Cmdlets.ErrorRecordFactory")
                .GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!
                .Invoke(null, new[] { exception, target })!;

        private static ErrorCategory CategoryOf(Exception exception) =>
            (ErrorCategory)exception.GetType().GetProperty("Category")!.GetValue(exception)!;
    }
}
