using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// What -Name asks for: exact names (each read with a Get call, and an error when it does not exist, as
    /// Get-Item does) and wildcard patterns (matched against a listing, nothing written when nothing matches, as
    /// Get-ChildItem does). Names compare without case, as the service's do.
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly List<WildcardPattern> _patterns = new List<WildcardPattern>();

        public NameFilter(IEnumerable<string>? names)
        {
            foreach (var name in names ?? Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    _patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                    Prefixes.Add(LiteralPrefix(name));
                }
                else
                {
                    ExactNames.Add(WildcardPattern.Unescape(name));
                }
            }
        }

        public List<string> ExactNames { get; } = new List<string>();

        /// <summary>For each pattern, the text before its first wildcard (a filter a service can apply).</summary>
        public List<string> Prefixes { get; } = new List<string>();

        public bool HasPatterns => _patterns.Count > 0;

        public bool Matches(string? name)
        {
            if (name == null) return false;
            foreach (var pattern in _patterns)
            {
                if (pattern.IsMatch(name)) return true;
            }

            return false;
        }

        /// <summary>The one prefix all patterns share (so one filtered listing serves them all), or "".</summary>
        public string CommonPrefix()
        {
            if (Prefixes.Count == 0) return "";
            var common = Prefixes[0];
            foreach (var prefix in Prefixes)
            {
                var length = 0;
                while (length < common.Length && length < prefix.Length && char.ToUpperInvariant(common[length]) == char.ToUpperInvariant(prefix[length])) length++;
                common = common.Substring(0, length);
            }

            return common;
        }

        private static string LiteralPrefix(string pattern)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                var character = pattern[i];
                if (character == '`' && i + 1 < pattern.Length)
                {
                    builder.Append(pattern[++i]);
                    continue;
                }

                if (character == '*' || character == '?' || character == '[') break;
                builder.Append(character);
            }

            return builder.ToString();
        }
    }
}
