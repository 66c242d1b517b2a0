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
    /// CodeCatalyst's operations, one method each (generated from the service model in Wire/Generated/Operations.g.cs):
    /// input is checked before any request exists, and every answer is checked for the members the model requires.
    /// </summary>
    internal sealed partial class CodeCatalystApi : ServiceApi
    {
        public CodeCatalystApi(CodeCatalystClient client) : base(client)
        {
        }
    }

    /// <summary>What the generated operation methods of every service share: the client, and the answer checks.</summary>
    internal abstract class ServiceApi
    {
        private protected readonly CodeCatalystClient _client;

        private protected ServiceApi(CodeCatalystClient client)
        {
            _client = client;
        }

        public CodeCatalystClient Client => _client;

        private protected static T Validated<T>(ServiceResult<T> result, List<string> missing, string operationName)
        {
            if (missing.Count == 0) return result.Value;
            throw new CodeCatalystInvalidResultException("InvalidResult", operationName, result.RequestId,
                "it lacks the required member(s) " + string.Join(", ", missing));
        }

        /// <summary>The object an answer wraps in one member (Amplify's {"app": {...}}); an answer without it is unusable.</summary>
        private protected static ServiceResult<T> Unwrapped<TEnvelope, T>(ServiceResult<TEnvelope> envelope, T? value, string member, string operationName)
            where T : class
        {
            if (value == null)
            {
                throw new CodeCatalystInvalidResultException("InvalidResult", operationName, envelope.RequestId,
                    "it lacks the required member " + member);
            }

            return new ServiceResult<T>(value, envelope.RequestId);
        }

        /// <summary>
        /// Splits a list answer into the items to write and the entries to report one error each for, so one bad
        /// entry costs only itself.
        /// </summary>
        private protected Page<T> ToPage<T>(List<T?>? entries, string? nextToken, string operationName, string? requestId,
            Func<T, List<string>> missingFrom, Func<T, string?> idOf, Action<T> complete) where T : class
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
                        var id = _client.ServiceTextForDisplay(idOf(entry) ?? "", 100);
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
    }
}
