using System;
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
        public Page(IReadOnlyList<T> items, string? nextToken, string operationName = "", string? requestId = null,
            IReadOnlyList<InvalidItem>? invalidItems = null)
        {
            Items = items;
            NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken;
            OperationName = operationName;
            RequestId = requestId;
            InvalidItems = invalidItems ?? Array.Empty<InvalidItem>();
        }

        /// <summary>The usable items, in the service's order.</summary>
        public IReadOnlyList<T> Items { get; }
        public string? NextToken { get; }
        public string OperationName { get; }
        public string? RequestId { get; }

        /// <summary>Entries the module cannot use (null, or missing required members): one error each.</summary>
        public IReadOnlyList<InvalidItem> InvalidItems { get; }
    }

    /// <summary>A list entry that is not written, and what to name it by in its error.</summary>
    internal sealed class InvalidItem
    {
        public InvalidItem(CodeCatalystInvalidResultException error, object? target)
        {
            Error = error;
            Target = target;
        }

        public CodeCatalystInvalidResultException Error { get; }
        public object? Target { get; }
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
            var result = await _client.SendForResultAsync(request, CodeCatalystJsonContext.Default.Workflow, cancellationToken)
                .ConfigureAwait(false);
            return Validated(result, RequiredMembers.MissingFrom(result.Value), request.OperationName);
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
            var result = await _client.SendForResultAsync(request, CodeCatalystJsonContext.Default.ListWorkflowsResponse, cancellationToken)
                .ConfigureAwait(false);
            return ToPage(result.Value.Items, result.Value.NextToken, request.OperationName, result.RequestId, RequiredMembers.MissingFrom,
                item => item.Id, item =>
                {
                    item.SpaceName = space;
                    item.ProjectName = project;
                });
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
            var result = await _client.SendForResultAsync(request, CodeCatalystJsonContext.Default.WorkflowRunStartResult, cancellationToken)
                .ConfigureAwait(false);
            return Validated(result, RequiredMembers.MissingFrom(result.Value), request.OperationName);
        }

        public async Task<WorkflowRun> GetWorkflowRunAsync(string? spaceName, string? projectName, string? id, CancellationToken cancellationToken)
        {
            var space = InputConstraint.Name.Check("SpaceName", spaceName);
            var project = InputConstraint.NonEmptyName.Check("ProjectName", projectName);
            var runId = InputConstraint.Uuid.Check("Id", id);
            var request = new ServiceRequest("GetWorkflowRun", HttpMethod.Get,
                ServiceRequest.FormatPath("/v1/spaces/{0}/projects/{1}/workflowRuns/{2}", space, project, runId));
            var result = await _client.SendForResultAsync(request, CodeCatalystJsonContext.Default.WorkflowRun, cancellationToken)
                .ConfigureAwait(false);
            return Validated(result, RequiredMembers.MissingFrom(result.Value), request.OperationName);
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
            var result = await _client.SendForResultAsync(request, CodeCatalystJsonContext.Default.ListWorkflowRunsResponse, cancellationToken)
                .ConfigureAwait(false);
            return ToPage(result.Value.Items, result.Value.NextToken, request.OperationName, result.RequestId, RequiredMembers.MissingFrom,
                item => item.Id, item =>
                {
                    item.SpaceName = space;
                    item.ProjectName = project;
                });
        }

        public async Task<string?> VerifySessionAsync(CancellationToken cancellationToken)
        {
            var request = new ServiceRequest("VerifySession", HttpMethod.Get, "/session");
            var response = await _client.SendAsync(request, CodeCatalystJsonContext.Default.VerifySessionResponse, cancellationToken)
                .ConfigureAwait(false);
            return response.Identity;
        }

        private static T Validated<T>(ServiceResult<T> result, List<string> missing, string operationName)
        {
            if (missing.Count == 0) return result.Value;
            throw new CodeCatalystInvalidResultException("InvalidResult", operationName, result.RequestId,
                "it lacks the required member(s) " + string.Join(", ", missing));
        }

        /// <summary>
        /// Splits a list answer into the items to write and the entries to report one error each for, so one bad
        /// entry costs only itself.
        /// </summary>
        private Page<T> ToPage<T>(List<T?>? entries, string? nextToken, string operationName, string? requestId,
            Func<T, List<string>> missingFrom, Func<T, string> idOf, Action<T> complete) where T : class
        {
            var items = new List<T>();
            var invalid = new List<InvalidItem>();
            if (entries != null)
            {
                for (var index = 0; index < entries.Count; index++)
                {
                    var entry = entries[index];
                    if (entry == null)
                    {
                        invalid.Add(new InvalidItem(new CodeCatalystInvalidResultException("InvalidResult", operationName, requestId,
                            $"entry {index} of the list is null"), null));
                        continue;
                    }

                    var missing = missingFrom(entry);
                    if (missing.Count > 0)
                    {
                        var id = _client.ServiceTextForDisplay(idOf(entry), 100);
                        invalid.Add(new InvalidItem(new CodeCatalystInvalidResultException("InvalidResult", operationName, requestId,
                            $"entry {index} of the list{(id.Length > 0 ? " (id " + id + ")" : "")} lacks the required member(s) {string.Join(", ", missing)}"),
                            id.Length > 0 ? id : null));
                        continue;
                    }

                    complete(entry);
                    items.Add(entry);
                }
            }

            return new Page<T>(items, nextToken, operationName, requestId, invalid);
        }

        private static string? Clamp(int? maxResults, int modelMaximum)
        {
            if (!maxResults.HasValue) return null;
            var value = maxResults.Value < 1 ? 1 : maxResults.Value > modelMaximum ? modelMaximum : maxResults.Value;
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
