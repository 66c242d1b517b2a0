using System;
using System.Collections.Generic;
using System.Linq;
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
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

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

        /// <summary>
        /// For a listing the service cannot filter: keeps what an exact name or a pattern matches, and notes which
        /// exact names came up (see <see cref="UnseenExactNames"/>). Null when no names were given: keep everything.
        /// </summary>
        public Func<T, bool>? Keeper<T>(Func<T, string?> nameOf)
        {
            if (ExactNames.Count == 0 && _patterns.Count == 0) return null;
            return item =>
            {
                var name = nameOf(item);
                var exact = name != null && ExactNames.Exists(candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
                if (exact) _seen.Add(name!);
                return exact || Matches(name);
            };
        }

        /// <summary>The exact names no kept item had: after a whole listing, the ones that do not exist.</summary>
        public IEnumerable<string> UnseenExactNames => ExactNames.Where(name => !_seen.Contains(name));

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
