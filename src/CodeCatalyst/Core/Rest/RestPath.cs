using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeCatalyst.Core.Rest
{
    /// <summary>
    /// The -Path of Invoke-CCRestMethod, checked and escaped: a path under the endpoint, never a URL of its own and
    /// never a way out of it, so the token only ever goes where the endpoint resolution sent it.
    /// </summary>
    internal sealed class RestPath
    {
        private const string ParameterName = "Path";
        private const string SpacePlaceholder = "{spaceName}";
        private const string ProjectPlaceholder = "{projectName}";

        // A URI scheme (RFC 3986): "https:", "file:", "javascript:"... A path of the service never starts with one.
        private static readonly Regex SchemePrefix = new Regex(@"\A[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant);
        private static readonly Regex Placeholder = new Regex(@"\A\{[^{}]*\}\z", RegexOptions.CultureInvariant);

        private RestPath(string escapedPath, IReadOnlyList<string> segments, IReadOnlyList<KeyValuePair<string, string>> query)
        {
            EscapedPath = escapedPath;
            Segments = segments;
            Query = query;
        }

        /// <summary>The path as sent: '/' then each segment escaped, as the modeled operations build theirs.</summary>
        public string EscapedPath { get; }

        /// <summary>The segments unescaped, to find the modeled operation.</summary>
        public IReadOnlyList<string> Segments { get; }

        /// <summary>Query parameters written into the path after '?', unescaped.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

        /// <summary>
        /// Checks and escapes a path. {spaceName} and {projectName} segments, as the API reference writes its routes,
        /// take the Connect-CCAccount defaults.
        /// </summary>
        public static RestPath Parse(string? path, string? defaultSpaceName, string? defaultProjectName)
        {
            var text = path?.Trim();
            if (string.IsNullOrEmpty(text)) throw Refuse("-Path is empty. Give a path under the endpoint, such as /v1/spaces.");

            if (SchemePrefix.IsMatch(text) || text!.StartsWith("//", StringComparison.Ordinal))
            {
                throw Refuse($"-Path '{text}' is a URL, not a path. Give the path under the endpoint, such as " +
                             "/v1/spaces/ExampleCorp/projects, and choose the endpoint with -EndpointUrl or Connect-CCAccount -EndpointUrl; " +
                             "the token is only sent to that endpoint.");
            }

            if (text.IndexOf('\\') >= 0) throw Refuse($"-Path '{text}' contains '\\'. Separate segments with '/'.");
            if (text.IndexOf('#') >= 0) throw Refuse($"-Path '{text}' contains '#'. A fragment is never sent; escape a literal '#' as %23.");

            var question = text.IndexOf('?');
            var pathPart = question < 0 ? text : text.Substring(0, question);
            var queryPart = question < 0 ? "" : text.Substring(question + 1);
            if (!pathPart.StartsWith("/", StringComparison.Ordinal)) pathPart = "/" + pathPart;

            var rawSegments = pathPart.Substring(1).Split('/');
            var segments = new List<string>(rawSegments.Length);
            var escaped = new StringBuilder(pathPart.Length + 16);
            foreach (var raw in rawSegments)
            {
                string segment;
                if (string.Equals(raw, SpacePlaceholder, StringComparison.OrdinalIgnoreCase))
                {
                    segment = Default(raw, defaultSpaceName, "-SpaceName");
                }
                else if (string.Equals(raw, ProjectPlaceholder, StringComparison.OrdinalIgnoreCase))
                {
                    segment = Default(raw, defaultProjectName, "-ProjectName");
                }
                else if (Placeholder.IsMatch(raw))
                {
                    throw Refuse($"-Path '{text}' still holds the placeholder {raw}. Put the value in its place; only " +
                                 $"{SpacePlaceholder} and {ProjectPlaceholder} are filled in, from Connect-CCAccount.");
                }
                else
                {
                    segment = Unescape(text, raw);
                }

                // Both spellings of a dot segment, and ones hidden behind %2F or %5C, which some servers decode first.
                foreach (var part in segment.Split('/', '\\'))
                {
                    if (part == "." || part == "..")
                    {
                        throw Refuse($"-Path '{text}' contains a '{part}' segment. Give the path of the resource itself; " +
                                     "a request never leaves the endpoint's path.");
                    }
                }

                segments.Add(segment);
                escaped.Append('/').Append(Uri.EscapeDataString(segment));
            }

            var query = new List<KeyValuePair<string, string>>();
            if (queryPart.Length > 0)
            {
                foreach (var pair in queryPart.Split('&'))
                {
                    if (pair.Length == 0) continue;
                    var equals = pair.IndexOf('=');
                    var name = Unescape(text, equals < 0 ? pair : pair.Substring(0, equals));
                    var value = equals < 0 ? "" : Unescape(text, pair.Substring(equals + 1));
                    query.Add(new KeyValuePair<string, string>(name, value));
                }
            }

            return new RestPath(escaped.ToString(), segments, query);
        }

        private static string Default(string placeholder, string? value, string parameter)
        {
            if (!string.IsNullOrEmpty(value)) return value!;
            throw Refuse($"-Path uses {placeholder}, but no default is set. Run Connect-CCAccount {parameter} <name> first, " +
                         "or write the name in the path.");
        }

        /// <summary>Decodes %XX escapes; a '%' that starts none is refused, since it could only be a mistake.</summary>
        private static string Unescape(string path, string raw)
        {
            for (var i = raw.IndexOf('%'); i >= 0; i = raw.IndexOf('%', i + 1))
            {
                if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2]))
                {
                    throw Refuse($"-Path '{path}' has a '%' that starts no escape. Write a literal '%' as %25.");
                }
            }

            return Uri.UnescapeDataString(raw);
        }

        private static bool IsHex(char character) =>
            (character >= '0' && character <= '9') || (character >= 'a' && character <= 'f') || (character >= 'A' && character <= 'F');

        private static CodeCatalystInputException Refuse(string message) => new CodeCatalystInputException(ParameterName, message);
    }
}
