using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace CodeCatalyst.Core.Http
{
    /// <summary>
    /// Everything needed to send one operation. It is built once and not changed while it is sent, so each retry
    /// builds an identical HTTP request (same body, same idempotency token) from it.
    /// </summary>
    internal sealed class ServiceRequest
    {
        private readonly List<KeyValuePair<string, string>> _query = new List<KeyValuePair<string, string>>();

        public ServiceRequest(string operationName, HttpMethod method, string path)
        {
            OperationName = operationName;
            Method = method;
            Path = path;
        }

        public string OperationName { get; }
        public HttpMethod Method { get; }

        /// <summary>The request path with every segment already escaped.</summary>
        public string Path { get; }

        public byte[]? JsonBody { get; set; }

        /// <summary>
        /// Whether a second attempt could do the change twice: see <see cref="Wire.OperationInfo.SentAtMostOnce"/>.
        /// Such a request is sent again only when the first attempt surely did not reach the service.
        /// </summary>
        public bool SentAtMostOnce => Wire.OperationLookup.For(OperationName)?.SentAtMostOnce ?? false;

        public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

        public ServiceRequest WithQuery(string name, string? value)
        {
            if (value != null) _query.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        /// <summary>The path and query as sent, e.g. for verbose output.</summary>
        public string PathAndQuery
        {
            get
            {
                if (_query.Count == 0) return Path;
                var builder = new StringBuilder(Path).Append('?');
                for (var i = 0; i < _query.Count; i++)
                {
                    if (i > 0) builder.Append('&');
                    builder.Append(Uri.EscapeDataString(_query[i].Key)).Append('=').Append(Uri.EscapeDataString(_query[i].Value));
                }

                return builder.ToString();
            }
        }

        /// <summary>Builds a path from a template whose {0}, {1}... placeholders each take one escaped segment.</summary>
        public static string FormatPath(string template, params string[] segments)
        {
            var escaped = new object[segments.Length];
            for (var i = 0; i < segments.Length; i++) escaped[i] = Uri.EscapeDataString(segments[i]);
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, escaped);
        }
    }
}
