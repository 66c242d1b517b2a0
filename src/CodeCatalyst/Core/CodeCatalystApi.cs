using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Http;
using CodeCatalyst.Core.Json;
using CodeCatalyst.Models;

namespace CodeCatalyst.Core
{
    /// <summary>One page of a list operation and the token for the next page (null on the last page).</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? nextToken)
        {
            Items = items;
            NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken;
        }

        public IReadOnlyList<T> Items { get; }
        public string? NextToken { get; }
    }

    /// <summary>
    /// The service operations, one method each, exactly as the service model defines their routes, members and
    /// constraints. Input is checked here, before any request exists.
    /// </summary>
    internal sealed class CodeCatalystApi
    {
        private static readonly byte[] EmptyJsonObject = { (byte)'{', (byte)'}' };

        private readonly CodeCatalystClient _client;

        public CodeCatalystApi(CodeCatalystClient client)
        {
            _client = client;
        }

        public CodeCatalystClient Client => _client;

        public async Task<Workflow> GetWorkflowAsync(string? spaceName, string? projectName, string? id, CancellationToken cancellationToken)
        {
            var space = InputConstraint.Name.Check("SpaceName", spaceName);
            var project = InputConstraint.NonEmptyName.Check("ProjectName", projectName);
            var workflowId = InputConstraint.Uuid.Check("Id", id);
            var request = new ServiceRequest("GetWorkflow", HttpMethod.Get,
                ServiceRequest.FormatPath("/v1/spaces/{0}/projects/{1}/workflows/{2}", space, project, workflowId));
            return await _client.SendAsync(request, CodeCatalystJsonContext.Default.Workflow, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Page<WorkflowSummary>> ListWorkflowsAsync(string? spaceName, string? projectName, string? nextToken,
            int? maxResults, CancellationToken cancellationToken)
        {
            var space = InputConstraint.NonEmptyName.Check("SpaceName", spaceName);
            var project = InputConstraint.Name.Check("ProjectName", projectName);
            var request = new ServiceRequest("ListWorkflows", HttpMethod.Post,
                    ServiceRequest.FormatPath("/v1/spaces/{0}/projects/{1}/workflows", space, project))
                .WithQuery("nextToken", nextToken)
                .WithQuery("maxResults", Clamp(maxResults, 100));
            request.JsonBody = EmptyJsonObject;
            var response = await _client.SendAsync(request, CodeCatalystJsonContext.Default.ListWorkflowsResponse, cancellationToken)
                .ConfigureAwait(false);
            var items = response.Items ?? new List<WorkflowSummary>();
            foreach (var item in items)
            {
                item.SpaceName = space;
                item.ProjectName = project;
            }

            return new Page<WorkflowSummary>(items, response.NextToken);
        }

        public async Task<WorkflowRunStartResult> StartWorkflowRunAsync(string? spaceName, string? projectName, string? workflowId,
            string clientToken, CancellationToken cancellationToken)
        {
            var space = InputConstraint.NonEmptyName.Check("SpaceName", spaceName);
            var project = InputConstraint.NonEmptyName.Check("ProjectName", projectName);
            var workflow = InputConstraint.Uuid.Check("WorkflowId", workflowId);
            var token = InputConstraint.ClientToken.Check("ClientToken", clientToken);
            var request = new ServiceRequest("StartWorkflowRun", HttpMethod.Put,
                    ServiceRequest.FormatPath("/v1/spaces/{0}/projects/{1}/workflowRuns", space, project))
                .WithQuery("workflowId", workflow);
            // Serialized once: every retry sends these same bytes, so the service sees the same clientToken.
            request.JsonBody = JsonSerializer.SerializeToUtf8Bytes(new StartWorkflowRunRequestBody { ClientToken = token },
                CodeCatalystJsonContext.Default.StartWorkflowRunRequestBody);
            return await _client.SendAsync(request, CodeCatalystJsonContext.Default.WorkflowRunStartResult, cancellationToken)
                .ConfigureAwait(false);
        }

        public async Task<WorkflowRun> GetWorkflowRunAsync(string? spaceName, string? projectName, string? id, CancellationToken cancellationToken)
        {
            var space = InputConstraint.Name.Check("SpaceName", spaceName);
            var project = InputConstraint.NonEmptyName.Check("ProjectName", projectName);
            var runId = InputConstraint.Uuid.Check("Id", id);
            var request = new ServiceRequest("GetWorkflowRun", HttpMethod.Get,
                ServiceRequest.FormatPath("/v1/spaces/{0}/projects/{1}/workflowRuns/{2}", space, project, runId));
            return await _client.SendAsync(request, CodeCatalystJsonContext.Default.WorkflowRun, cancellationToken).ConfigureAwait(false);
        }

        public async Task<Page<WorkflowRunSummary>> ListWorkflowRunsAsync(string? spaceName, string? projectName, string? workflowId,
            string? nextToken, int? maxResults, CancellationToken cancellationToken)
        {
            var space = InputConstraint.Name.Check("SpaceName", spaceName);
            var project = InputConstraint.NonEmptyName.Check("ProjectName", projectName);
            var workflow = workflowId == null ? null : InputConstraint.Uuid.Check("WorkflowId", workflowId);
            var request = new ServiceRequest("ListWorkflowRuns", HttpMethod.Post,
                    ServiceRequest.FormatPath("/v1/spaces/{0}/projects/{1}/workflowRuns", space, project))
                .WithQuery("workflowId", workflow)
                .WithQuery("nextToken", nextToken)
                .WithQuery("maxResults", Clamp(maxResults, 50));
            request.JsonBody = EmptyJsonObject;
            var response = await _client.SendAsync(request, CodeCatalystJsonContext.Default.ListWorkflowRunsResponse, cancellationToken)
                .ConfigureAwait(false);
            var items = response.Items ?? new List<WorkflowRunSummary>();
            foreach (var item in items)
            {
                item.SpaceName = space;
                item.ProjectName = project;
            }

            return new Page<WorkflowRunSummary>(items, response.NextToken);
        }

        public async Task<string?> VerifySessionAsync(CancellationToken cancellationToken)
        {
            var request = new ServiceRequest("VerifySession", HttpMethod.Get, "/session");
            var response = await _client.SendAsync(request, CodeCatalystJsonContext.Default.VerifySessionResponse, cancellationToken)
                .ConfigureAwait(false);
            return response.Identity;
        }

        private static string? Clamp(int? maxResults, int modelMaximum)
        {
            if (!maxResults.HasValue) return null;
            var value = maxResults.Value < 1 ? 1 : maxResults.Value > modelMaximum ? modelMaximum : maxResults.Value;
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
