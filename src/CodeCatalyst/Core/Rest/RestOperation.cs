using System;
using System.Collections.Generic;

namespace CodeCatalyst.Core.Rest
{
    /// <summary>Where an operation takes the paging token back.</summary>
    internal enum NextTokenLocation
    {
        /// <summary>The operation does not page.</summary>
        None,
        Query,
        Body,
    }

    /// <summary>
    /// One operation of the service model as Invoke-CCRestMethod needs it: its name (for messages and error ids),
    /// its route, where it takes nextToken, and the member botocore fills with an idempotency token.
    /// </summary>
    internal sealed class RestOperation
    {
        // Facts of codecatalyst/2022-09-28/service-2.json, one line per operation, sorted by name. A test compares
        // this table with the model; the generated operation table can replace it once it exists.
        private static readonly RestOperation[] All =
        {
            new RestOperation("CreateAccessToken", "PUT", "/v1/accessTokens", NextTokenLocation.None),
            new RestOperation("CreateDevEnvironment", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments", NextTokenLocation.None),
            new RestOperation("CreateProject", "PUT", "/v1/spaces/{spaceName}/projects", NextTokenLocation.None),
            new RestOperation("CreateSourceRepository", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories/{name}", NextTokenLocation.None),
            new RestOperation("CreateSourceRepositoryBranch", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories/{sourceRepositoryName}/branches/{name}", NextTokenLocation.None),
            new RestOperation("DeleteAccessToken", "DELETE", "/v1/accessTokens/{id}", NextTokenLocation.None),
            new RestOperation("DeleteDevEnvironment", "DELETE", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}", NextTokenLocation.None),
            new RestOperation("DeleteProject", "DELETE", "/v1/spaces/{spaceName}/projects/{name}", NextTokenLocation.None),
            new RestOperation("DeleteSourceRepository", "DELETE", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories/{name}", NextTokenLocation.None),
            new RestOperation("DeleteSpace", "DELETE", "/v1/spaces/{name}", NextTokenLocation.None),
            new RestOperation("GetDevEnvironment", "GET", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}", NextTokenLocation.None),
            new RestOperation("GetProject", "GET", "/v1/spaces/{spaceName}/projects/{name}", NextTokenLocation.None),
            new RestOperation("GetSourceRepository", "GET", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories/{name}", NextTokenLocation.None),
            new RestOperation("GetSourceRepositoryCloneUrls", "GET", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories/{sourceRepositoryName}/cloneUrls", NextTokenLocation.None),
            new RestOperation("GetSpace", "GET", "/v1/spaces/{name}", NextTokenLocation.None),
            new RestOperation("GetSubscription", "GET", "/v1/spaces/{spaceName}/subscription", NextTokenLocation.None),
            new RestOperation("GetUserDetails", "GET", "/userDetails", NextTokenLocation.None),
            new RestOperation("GetWorkflow", "GET", "/v1/spaces/{spaceName}/projects/{projectName}/workflows/{id}", NextTokenLocation.None),
            new RestOperation("GetWorkflowRun", "GET", "/v1/spaces/{spaceName}/projects/{projectName}/workflowRuns/{id}", NextTokenLocation.None),
            new RestOperation("ListAccessTokens", "POST", "/v1/accessTokens", NextTokenLocation.Body),
            new RestOperation("ListDevEnvironmentSessions", "POST", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{devEnvironmentId}/sessions", NextTokenLocation.Body),
            new RestOperation("ListDevEnvironments", "POST", "/v1/spaces/{spaceName}/devEnvironments", NextTokenLocation.Body),
            new RestOperation("ListEventLogs", "POST", "/v1/spaces/{spaceName}/eventLogs", NextTokenLocation.Body),
            new RestOperation("ListProjects", "POST", "/v1/spaces/{spaceName}/projects", NextTokenLocation.Body),
            new RestOperation("ListSourceRepositories", "POST", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories", NextTokenLocation.Body),
            new RestOperation("ListSourceRepositoryBranches", "POST", "/v1/spaces/{spaceName}/projects/{projectName}/sourceRepositories/{sourceRepositoryName}/branches", NextTokenLocation.Body),
            new RestOperation("ListSpaces", "POST", "/v1/spaces", NextTokenLocation.Body),
            new RestOperation("ListWorkflowRuns", "POST", "/v1/spaces/{spaceName}/projects/{projectName}/workflowRuns", NextTokenLocation.Query),
            new RestOperation("ListWorkflows", "POST", "/v1/spaces/{spaceName}/projects/{projectName}/workflows", NextTokenLocation.Query),
            new RestOperation("StartDevEnvironment", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}/start", NextTokenLocation.None),
            new RestOperation("StartDevEnvironmentSession", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}/session", NextTokenLocation.None),
            new RestOperation("StartWorkflowRun", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/workflowRuns", NextTokenLocation.None, "clientToken"),
            new RestOperation("StopDevEnvironment", "PUT", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}/stop", NextTokenLocation.None),
            new RestOperation("StopDevEnvironmentSession", "DELETE", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}/session/{sessionId}", NextTokenLocation.None),
            new RestOperation("UpdateDevEnvironment", "PATCH", "/v1/spaces/{spaceName}/projects/{projectName}/devEnvironments/{id}", NextTokenLocation.None),
            new RestOperation("UpdateProject", "PATCH", "/v1/spaces/{spaceName}/projects/{name}", NextTokenLocation.None),
            new RestOperation("UpdateSpace", "PATCH", "/v1/spaces/{name}", NextTokenLocation.None),
            new RestOperation("VerifySession", "GET", "/session", NextTokenLocation.None),
        };

        private readonly string[] _segments;

        private RestOperation(string name, string method, string route, NextTokenLocation nextToken, string? idempotencyTokenMember = null)
        {
            Name = name;
            Method = method;
            Route = route;
            NextToken = nextToken;
            IdempotencyTokenMember = idempotencyTokenMember;
            _segments = route.Substring(1).Split('/');
            foreach (var segment in _segments)
            {
                if (!IsPlaceholder(segment)) LiteralSegmentCount++;
            }
        }

        public string Name { get; }
        public string Method { get; }

        /// <summary>The model's URI template, e.g. /v1/spaces/{spaceName}/projects.</summary>
        public string Route { get; }

        public NextTokenLocation NextToken { get; }

        /// <summary>The body member that carries a client token (clientToken of StartWorkflowRun), or null.</summary>
        public string? IdempotencyTokenMember { get; }

        private int LiteralSegmentCount { get; }

        /// <summary>
        /// The operation a request goes to: same method, same number of segments, every literal segment equal.
        /// Where two could match, the one with more literal segments wins, as a router would choose.
        /// </summary>
        public static RestOperation? Find(string method, IReadOnlyList<string> segments)
        {
            RestOperation? best = null;
            foreach (var operation in All)
            {
                if (!string.Equals(operation.Method, method, StringComparison.Ordinal) || !operation.Matches(segments)) continue;
                if (best == null || operation.LiteralSegmentCount > best.LiteralSegmentCount) best = operation;
            }

            return best;
        }

        private bool Matches(IReadOnlyList<string> segments)
        {
            if (segments.Count != _segments.Length) return false;
            for (var i = 0; i < _segments.Length; i++)
            {
                var template = _segments[i];
                if (IsPlaceholder(template) ? segments[i].Length == 0 : !string.Equals(template, segments[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPlaceholder(string segment) =>
            segment.Length > 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';
    }
}
