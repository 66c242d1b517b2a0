using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Http;
using CodeCatalyst.Core.Rest;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Rest
{
    /// <summary>
    /// Invoke-CCRestMethod: sends any CodeCatalyst request through the module's own client (token, endpoint,
    /// retries, limits, errors) and writes the JSON answer as PSCustomObjects, following nextToken on request.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CCRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeCCRestMethodCommand : CodeCatalystServiceCmdlet
    {
        private const string NextTokenMember = "nextToken";
        private static readonly byte[] EmptyJsonObject = { (byte)'{', (byte)'}' };

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("GET", "PUT", "POST", "PATCH", "DELETE", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        /// <summary>The path under the endpoint, optionally with a query: /v1/spaces/ExampleCorp/projects.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public string Path { get; set; } = "";

        /// <summary>A hashtable or object converted to JSON, or JSON text sent as it is.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? Body { get; set; }

        /// <summary>Query parameters; names and values are URL-encoded.</summary>
        [Parameter]
        public IDictionary? Query { get; set; }

        /// <summary>Requests page after page while the answer has a nextToken, writing each page's items.</summary>
        [Parameter]
        public SwitchParameter FollowNextToken { get; set; }

        protected override void ProcessRecord()
        {
            var method = Method.ToUpperInvariant();
            RestRequestPlan plan;
            try
            {
                plan = RestRequestPlan.Create(method, Path, Body, Query, FollowNextToken, Defaults);
            }
            catch (CodeCatalystInputException exception)
            {
                WriteFailure(exception, exception.ParameterName == "Path" ? Path : null);
                return;
            }

            var target = method + " " + plan.CreateRequest(null).PathAndQuery;
            if (method != "GET" && !ShouldProcess(target, plan.OperationName ?? "Send request")) return;

            try
            {
                var client = Api.Client; // built here, on the pipeline thread, never by the work below
                if (FollowNextToken)
                {
                    var pages = new PageReadAhead<object?>((nextToken, _, cancellation) => FetchPageAsync(client, plan, nextToken, cancellation));
                    WritePages(pages.FetchAsync);
                    return;
                }

                var answer = Run(cancellation => FetchAnswerAsync(client, plan, cancellation));
                if (answer is object?[] array) WriteObject(array, true);
                else if (answer != null) WriteObject(answer);
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, target);
            }
        }

        private static async Task<object?> FetchAnswerAsync(CodeCatalystClient client, RestRequestPlan plan, CancellationToken cancellation)
        {
            var request = plan.CreateRequest(null);
            var result = await client.SendForJsonDocumentAsync(request, cancellation).ConfigureAwait(false);
            using (result.Value)
            {
                return result.Value == null
                    ? null
                    : PowerShellJson.ToPowerShell(result.Value.RootElement, client.RedactServiceText, request.OperationName, result.RequestId);
            }
        }

        /// <summary>
        /// One page: the items of its 'items' array, or the whole answer when it has none, and its nextToken.
        /// </summary>
        private static async Task<Page<object?>> FetchPageAsync(CodeCatalystClient client, RestRequestPlan plan, string? nextToken,
            CancellationToken cancellation)
        {
            var request = plan.CreateRequest(nextToken);
            var result = await client.SendForJsonDocumentAsync(request, cancellation).ConfigureAwait(false);
            using (result.Value)
            {
                var items = new List<object?>();
                string? next = null;
                if (result.Value != null)
                {
                    var root = result.Value.RootElement;
                    object? Convert(JsonElement element) =>
                        PowerShellJson.ToPowerShell(element, client.RedactServiceText, request.OperationName, result.RequestId);

                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        if (root.TryGetProperty(NextTokenMember, out var token) && token.ValueKind == JsonValueKind.String) next = token.GetString();
                        if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in list.EnumerateArray()) items.Add(Convert(item));
                        }
                        else if (!root.TryGetProperty("items", out _))
                        {
                            items.Add(Convert(root));
                        }
                    }
                    else if (root.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in root.EnumerateArray()) items.Add(Convert(item));
                    }
                    else if (root.ValueKind != JsonValueKind.Null)
                    {
                        items.Add(Convert(root));
                    }
                }

                return new Page<object?>(items, next, request.OperationName, result.RequestId);
            }
        }

        /// <summary>Everything about one request that is fixed before it is sent; only the paging token varies.</summary>
        private sealed class RestRequestPlan
        {
            private RestRequestPlan(string method, RestPath path, List<KeyValuePair<string, string>> query, byte[]? body,
                OperationInfo? operation, NextTokenLocation nextTokenLocation)
            {
                HttpMethod = WireFormat.Method(method);
                EscapedPath = path.EscapedPath;
                QueryPairs = query;
                JsonBody = body;
                OperationName = operation?.Name;
                RequestName = operation?.Name ?? method + " " + path.EscapedPath;
                NextTokenLocation = nextTokenLocation;
            }

            private HttpMethod HttpMethod { get; }
            private string EscapedPath { get; }
            private List<KeyValuePair<string, string>> QueryPairs { get; }
            private byte[]? JsonBody { get; }
            private NextTokenLocation NextTokenLocation { get; }

            /// <summary>The model's name of the operation, or null when the route is not one of the model's.</summary>
            public string? OperationName { get; }

            /// <summary>What messages and error ids call the request: the operation, else method and path.</summary>
            private string RequestName { get; }

            public static RestRequestPlan Create(string method, string path, object? body, IDictionary? query, bool followNextToken,
                SessionDefaults? defaults)
            {
                var restPath = RestPath.Parse(path, defaults?.SpaceName, defaults?.ProjectName);
                var pairs = new List<KeyValuePair<string, string>>(restPath.Query);
                if (query != null) pairs.AddRange(PowerShellJson.ToQuery(query));

                var jsonBody = body == null ? null : PowerShellJson.ToRequestBody(body);
                if (jsonBody != null && method == "GET")
                {
                    throw new CodeCatalystInputException("Body",
                        "-Body was given with GET, which sends no body. Put the values in -Query, or use the method the operation takes.");
                }

                var operation = RestRoutes.Find(method, restPath.Segments);
                var bodyIsObject = JsonObjectBody.IsObject(jsonBody);

                // As botocore does: an operation that takes an idempotency token gets a fresh one unless the body has
                // one, and since the body is built once, every retry carries the same token.
                var tokenMember = operation?.IdempotencyTokenMember;
                if (tokenMember != null && (jsonBody == null || bodyIsObject) && !JsonObjectBody.Has(jsonBody, tokenMember))
                {
                    jsonBody = JsonObjectBody.With(jsonBody, tokenMember, Guid.NewGuid().ToString("N"));
                    bodyIsObject = true;
                }

                // POST, PUT and PATCH carry a JSON body, {} when there is nothing to say, as botocore sends it.
                if (jsonBody == null && method != "GET" && method != "DELETE") jsonBody = EmptyJsonObject;

                var location = NextTokenLocation.None;
                if (followNextToken)
                {
                    location = RestRoutes.NextTokenLocationOf(operation);
                    if (location == NextTokenLocation.None)
                    {
                        location = body != null && bodyIsObject ? NextTokenLocation.Body : NextTokenLocation.Query;
                    }
                    if (location == NextTokenLocation.Body && jsonBody != null && !JsonObjectBody.IsObject(jsonBody))
                    {
                        throw new CodeCatalystInputException("Body",
                            $"-Body is not a JSON object, but {operation!.Name} takes nextToken in its body, so -FollowNextToken cannot " +
                            "page it. Give the body as a hashtable or a JSON object.");
                    }
                }

                return new RestRequestPlan(method, restPath, pairs, jsonBody, operation, location);
            }

            /// <summary>The request for one page: without a token, exactly as given; else with the token where the operation takes it.</summary>
            public ServiceRequest CreateRequest(string? nextToken)
            {
                var request = new ServiceRequest(RequestName, HttpMethod, EscapedPath);
                var tokenInQuery = nextToken != null && NextTokenLocation == NextTokenLocation.Query;
                foreach (var pair in QueryPairs)
                {
                    if (tokenInQuery && string.Equals(pair.Key, NextTokenMember, StringComparison.Ordinal)) continue;
                    request.WithQuery(pair.Key, pair.Value);
                }

                if (tokenInQuery) request.WithQuery(NextTokenMember, nextToken);
                request.JsonBody = nextToken != null && NextTokenLocation == NextTokenLocation.Body
                    ? JsonObjectBody.With(JsonBody, NextTokenMember, nextToken)
                    : JsonBody;
                return request;
            }
        }
    }
}
