using System;
using System.Collections.Generic;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Core.Rest
{
    /// <summary>Where an operation takes the paging token back.</summary>
    internal enum NextTokenLocation
    {
        /// <summary>The operation does not page, or the route is not the model's.</summary>
        None,
        Query,
        Body,
    }

    /// <summary>
    /// Finds the model's operation for a request Invoke-CCRestMethod sends, from the generated operation facts
    /// (<see cref="WireOperations"/>): its name for messages and error ids, where it takes nextToken, and its
    /// idempotency token member.
    /// </summary>
    internal static class RestRoutes
    {
        private static readonly Lazy<Route[]> Routes = new Lazy<Route[]>(() => Array.ConvertAll(WireOperations.All, operation => new Route(operation)));

        /// <summary>
        /// The operation a request goes to: same method, same number of segments, every literal segment equal.
        /// Where two could match, the one with more literal segments wins, as a router would choose.
        /// </summary>
        public static OperationInfo? Find(string method, IReadOnlyList<string> segments)
        {
            Route? best = null;
            foreach (var route in Routes.Value)
            {
                if (!string.Equals(route.Operation.Method, method, StringComparison.Ordinal) || !route.Matches(segments)) continue;
                if (best == null || route.LiteralSegmentCount > best.LiteralSegmentCount) best = route;
            }

            return best?.Operation;
        }

        public static NextTokenLocation NextTokenLocationOf(OperationInfo? operation) =>
            operation == null || !operation.Paginated ? NextTokenLocation.None
            : operation.NextTokenInQuery ? NextTokenLocation.Query
            : NextTokenLocation.Body;

        private sealed class Route
        {
            private readonly string[] _segments;

            public Route(OperationInfo operation)
            {
                Operation = operation;
                _segments = operation.Uri.Substring(1).Split('/');
                foreach (var segment in _segments)
                {
                    if (!IsPlaceholder(segment)) LiteralSegmentCount++;
                }
            }

            public OperationInfo Operation { get; }
            public int LiteralSegmentCount { get; }

            public bool Matches(IReadOnlyList<string> segments)
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
}
