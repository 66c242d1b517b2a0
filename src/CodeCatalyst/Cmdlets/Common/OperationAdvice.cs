using System;
using System.Collections.Generic;
using System.Linq;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// What to tell a user when an operation fails: for each CodeCatalyst operation, the cmdlet that calls it, the
    /// resource whose state a conflict is about, what names the resource and its parents (what to check when it is
    /// not found), and which cmdlet shows what exists. ErrorRecordFactory turns a row into
    /// ErrorDetails.RecommendedAction. A test fails when an operation of the service model has no row here.
    /// </summary>
    internal sealed class OperationAdvice
    {
        private const string Session = "Test-CCSession shows which token is in use and whose it is";
        private const string Endpoint = "the public endpoint is " + Core.EndpointResolver.DefaultEndpoint;
        private const string Spaces = "Get-CCSpace lists the spaces you belong to";
        private const string Projects = "Get-CCProject lists the projects of a space";
        private const string Repositories = "Get-CCSourceRepository lists the source repositories of a project";
        private const string Branches = "Get-CCSourceRepositoryBranch lists the branches of a source repository";
        private const string DevEnvironments = "Get-CCDevEnvironment lists the dev environments of a project, with their status";
        private const string Sessions = "Get-CCDevEnvironmentSession lists the sessions of a dev environment";
        private const string AccessTokens = "Get-CCAccessToken lists your personal access tokens";
        private const string Workflows = "Get-CCWorkflow lists the workflows of a project";
        private const string WorkflowRuns = "Get-CCWorkflowRun lists the runs of a project (-WorkflowId: of one workflow)";
        private const string AmplifyApps = "Get-CCAmplifyApp lists the Amplify apps of the Region";
        private const string AmplifyBranches = "Get-CCAmplifyBranch lists the branches of an app";
        private const string AmplifyJobs = "Get-CCAmplifyJob lists the jobs of a branch, with their status";
        private const string Amplify = "amplify";

        private static readonly OperationAdvice[] Table =
        {
            //  operation                       cmdlet                            resource                   check ...                                                              where to look, what exists (if a create)
            new("ListSpaces",                   "Get-CCSpace",                    "space",                   "the token and the endpoint",                                          Session),
            new("GetSpace",                     "Get-CCSpace",                    "space",                   "the space name",                                                      Spaces),
            new("UpdateSpace",                  "Update-CCSpace",                 "space",                   "the space name",                                                      Spaces),
            new("DeleteSpace",                  "Remove-CCSpace",                 "space",                   "the space name",                                                      Spaces),
            new("GetSubscription",              "Get-CCSubscription",             "space",                   "-SpaceName",                                                          Spaces),
            new("ListProjects",                 "Get-CCProject",                  "space",                   "-SpaceName",                                                          Spaces),
            new("GetProject",                   "Get-CCProject",                  "project",                 "-SpaceName and the project name",                                     Projects),
            new("CreateProject",                "New-CCProject",                  "project",                 "-SpaceName",                                                          Spaces, Projects),
            new("UpdateProject",                "Update-CCProject",               "project",                 "-SpaceName and the project name",                                     Projects),
            new("DeleteProject",                "Remove-CCProject",               "project",                 "-SpaceName and the project name",                                     Projects),
            new("ListSourceRepositories",       "Get-CCSourceRepository",         "project",                 "-SpaceName and -ProjectName",                                         Projects),
            new("GetSourceRepository",          "Get-CCSourceRepository",         "source repository",       "-SpaceName, -ProjectName and the repository name",                    Repositories),
            new("CreateSourceRepository",       "New-CCSourceRepository",         "source repository",       "-SpaceName and -ProjectName",                                         Projects, Repositories),
            new("DeleteSourceRepository",       "Remove-CCSourceRepository",      "source repository",       "-SpaceName, -ProjectName and the repository name",                    Repositories),
            new("GetSourceRepositoryCloneUrls", "Get-CCSourceRepositoryCloneUrl", "source repository",       "-SpaceName, -ProjectName and the repository name",                    Repositories),
            new("ListSourceRepositoryBranches", "Get-CCSourceRepositoryBranch",   "source repository",       "-SpaceName, -ProjectName and the repository name",                    Repositories),
            new("CreateSourceRepositoryBranch", "New-CCSourceRepositoryBranch",   "branch",                  "-SpaceName, -ProjectName, the repository name and the head commit",   Repositories, Branches),
            new("ListDevEnvironments",          "Get-CCDevEnvironment",           "space",                   "-SpaceName and -ProjectName",                                         Projects),
            new("GetDevEnvironment",            "Get-CCDevEnvironment",           "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("CreateDevEnvironment",         "New-CCDevEnvironment",           "dev environment",         "-SpaceName, -ProjectName and the repositories named",                 Projects, DevEnvironments),
            new("UpdateDevEnvironment",         "Update-CCDevEnvironment",        "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("DeleteDevEnvironment",         "Remove-CCDevEnvironment",        "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("StartDevEnvironment",          "Start-CCDevEnvironment",         "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("StopDevEnvironment",           "Stop-CCDevEnvironment",          "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("ListDevEnvironmentSessions",   "Get-CCDevEnvironmentSession",    "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("StartDevEnvironmentSession",   "Start-CCDevEnvironmentSession",  "dev environment",         "-SpaceName, -ProjectName and the dev environment id",                 DevEnvironments),
            new("StopDevEnvironmentSession",    "Stop-CCDevEnvironmentSession",   "dev environment session", "-SpaceName, -ProjectName, the dev environment id and the session id", Sessions),
            new("ListAccessTokens",             "Get-CCAccessToken",              "access token",            "the token and the endpoint",                                          Session),
            new("CreateAccessToken",            "New-CCAccessToken",              "access token",            "the token and the endpoint",                                          Session, AccessTokens),
            new("DeleteAccessToken",            "Remove-CCAccessToken",           "access token",            "the access token id",                                                 AccessTokens),
            new("GetUserDetails",               "Get-CCUser",                     "user",                    "the user id or user name",                                            Session),
            new("ListEventLogs",                "Get-CCEventLog",                 "space",                   "-SpaceName",                                                          Spaces),
            new("ListWorkflows",                "Get-CCWorkflow",                 "project",                 "-SpaceName and -ProjectName",                                         Projects),
            new("GetWorkflow",                  "Get-CCWorkflow",                 "workflow",                "-SpaceName, -ProjectName and the workflow id",                        Workflows),
            new("StartWorkflowRun",             "Start-CCWorkflowRun",            "workflow",                "-SpaceName, -ProjectName and -WorkflowId",                            Workflows),
            new("ListWorkflowRuns",             "Get-CCWorkflowRun",              "workflow",                "-SpaceName, -ProjectName and -WorkflowId",                            Workflows),
            new("GetWorkflowRun",               "Get-CCWorkflowRun",              "workflow run",            "-SpaceName, -ProjectName and the run id",                             WorkflowRuns),
            new("VerifySession",                "Test-CCSession",                 "session",                 "the endpoint (-EndpointUrl, Connect-CCAccount, AWS_ENDPOINT_URL_CODECATALYST)", Endpoint),

            // AWS Amplify (its own model; only the operations its cmdlets call)
            new("ListApps",                     "Get-CCAmplifyApp",               "app",                     "-Region and the endpoint",                                            AmplifyApps, service: Amplify),
            new("GetApp",                       "Get-CCAmplifyApp",               "app",                     "-AppId and -Region",                                                  AmplifyApps, service: Amplify),
            new("ListBranches",                 "Get-CCAmplifyBranch",            "app",                     "-AppId and -Region",                                                  AmplifyApps, service: Amplify),
            new("GetBranch",                    "Get-CCAmplifyBranch",            "branch",                  "-AppId and -BranchName",                                              AmplifyBranches, service: Amplify),
            new("ListJobs",                     "Get-CCAmplifyJob",               "branch",                  "-AppId and -BranchName",                                              AmplifyBranches, service: Amplify),
            new("GetJob",                       "Get-CCAmplifyJob",               "job",                     "-AppId, -BranchName and -JobId",                                      AmplifyJobs, service: Amplify),
            new("StartJob",                     "Start-CCAmplifyJob",             "branch",                  "-AppId and -BranchName (and -JobId for RETRY)",                       AmplifyJobs, service: Amplify),
            new("StopJob",                      "Stop-CCAmplifyJob",              "job",                     "-AppId, -BranchName and -JobId",                                      AmplifyJobs, service: Amplify,
                wrongState: "The job has already ended (or is being cancelled): only a PENDING, PROVISIONING or RUNNING job can be stopped, " +
                            "and there is nothing left to stop. Get-CCAmplifyJob -JobId shows its status."),
            new("DeleteJob",                    "Remove-CCAmplifyJob",            "job",                     "-AppId, -BranchName and -JobId",                                      AmplifyJobs, service: Amplify,
                wrongState: "The job has not ended yet, and only an ended job can be removed. Wait for it with Wait-CCAmplifyJob, " +
                            "or stop it with Stop-CCAmplifyJob, then run Remove-CCAmplifyJob again."),
            new("CreateDeployment",             "Start-CCAmplifyDeployment",      "branch",                  "-AppId and -BranchName",                                              AmplifyBranches, AmplifyJobs, service: Amplify),
            new("StartDeployment",              "Start-CCAmplifyDeployment",      "branch",                  "-AppId, -BranchName and -JobId or -SourceUrl",                        AmplifyJobs, service: Amplify),
        };

        private static readonly Dictionary<string, OperationAdvice> ByOperation =
            Table.ToDictionary(row => row.Operation, StringComparer.Ordinal);

        private OperationAdvice(string operation, string cmdlet, string resource, string check, string whereToLook,
            string? whatExists = null, string service = "codecatalyst", string? wrongState = null)
        {
            Service = service;
            WrongState = wrongState;
            Operation = operation;
            Cmdlet = cmdlet;
            Resource = resource;
            Check = check;
            WhereToLook = whereToLook;
            WhatExists = whatExists ?? whereToLook;
        }

        /// <summary>The service whose model names the operation (its botocore name: codecatalyst, amplify).</summary>
        public string Service { get; }

        /// <summary>Whether the operation is AWS Amplify's, which authenticates with AWS credentials rather than a token.</summary>
        public bool IsAmplify => Service == Amplify;

        /// <summary>The service operation, as the model names it.</summary>
        public string Operation { get; }

        /// <summary>The cmdlet that calls the operation.</summary>
        public string Cmdlet { get; }

        /// <summary>The resource whose state decides whether the operation can go on: the one a conflict is about.</summary>
        public string Resource { get; }

        /// <summary>What names the resource and its parents, completing "Check ...": the usual cause of a 404.</summary>
        public string Check { get; }

        /// <summary>A sentence naming the cmdlet that shows what exists where the operation looked.</summary>
        public string WhereToLook { get; }

        /// <summary>For a create, a sentence naming the cmdlet that lists what already exists of its kind.</summary>
        public string WhatExists { get; }

        /// <summary>
        /// For an operation whose 400 means its resource is in the wrong state (see
        /// ServiceErrorCategories.BadRequestMeansWrongState): what that state is and what to do; else null.
        /// </summary>
        public string? WrongState { get; }

        /// <summary>The row of an operation, or null for one the table does not know.</summary>
        public static OperationAdvice? For(string operationName) =>
            ByOperation.TryGetValue(operationName, out var advice) ? advice : null;

        /// <summary>Every CodeCatalyst operation the table covers.</summary>
        public static IEnumerable<string> Operations => Table.Where(row => !row.IsAmplify).Select(row => row.Operation);

        /// <summary>Every Amplify operation the table covers.</summary>
        public static IEnumerable<string> AmplifyOperations => Table.Where(row => row.IsAmplify).Select(row => row.Operation);
    }
}
