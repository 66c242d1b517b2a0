using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>
    /// One section of the shared config after botocore's processing: option names are lower-cased, and an option
    /// written as "key =" followed by indented "sub = value" lines becomes a nested map.
    /// </summary>
    internal sealed class AwsConfigSection
    {
        private readonly Dictionary<string, object> _values;

        internal AwsConfigSection(Dictionary<string, object> values)
        {
            _values = values;
        }

        public IEnumerable<string> Keys => _values.Keys;

        public int Count => _values.Count;

        public bool ContainsKey(string key) => _values.ContainsKey(key);

        /// <summary>A plain (non-nested) value.</summary>
        public bool TryGetString(string key, out string value)
        {
            if (_values.TryGetValue(key, out object? raw) && raw is string text)
            {
                value = text;
                return true;
            }

            value = string.Empty;
            return false;
        }

        public string? GetString(string key) => TryGetString(key, out string value) ? value : null;

        /// <summary>A nested block such as "sso_oidc =\n  endpoint_url = ...".</summary>
        public bool TryGetNested(string key, out IReadOnlyDictionary<string, string> value)
        {
            if (_values.TryGetValue(key, out object? raw) && raw is IReadOnlyDictionary<string, string> nested)
            {
                value = nested;
                return true;
            }

            value = EmptyNested;
            return false;
        }

        internal Dictionary<string, object> Raw => _values;

        private static readonly IReadOnlyDictionary<string, string> EmptyNested = new Dictionary<string, string>();
    }

    /// <summary>
    /// The shared AWS config as botocore sees it (configloader.load_config plus Session.full_config): profiles from
    /// "[default]" and "[profile NAME]", "[sso-session NAME]" and "[services NAME]" sections, with the credentials
    /// file's sections merged into the profiles. The INI dialect is Python's RawConfigParser with its defaults.
    /// </summary>
    internal sealed class AwsConfigFile
    {
        private AwsConfigFile(Dictionary<string, AwsConfigSection> profiles, Dictionary<string, AwsConfigSection> ssoSessions, Dictionary<string, AwsConfigSection> services, string? configPath, string? credentialsPath)
        {
            Profiles = profiles;
            SsoSessions = ssoSessions;
            Services = services;
            ConfigFilePath = configPath;
            CredentialsFilePath = credentialsPath;
        }

        public IReadOnlyDictionary<string, AwsConfigSection> Profiles { get; }

        public IReadOnlyDictionary<string, AwsConfigSection> SsoSessions { get; }

        public IReadOnlyDictionary<string, AwsConfigSection> Services { get; }

        /// <summary>The config file that was read; null when it did not exist.</summary>
        public string? ConfigFilePath { get; }

        /// <summary>The credentials file that was read; null when it did not exist.</summary>
        public string? CredentialsFilePath { get; }

        /// <summary>AWS_CONFIG_FILE (honoured even when empty, as botocore does), else ~/.aws/config; expanded.</summary>
        public static string ResolveConfigFilePath(IAuthEnvironment environment) =>
            AuthPaths.Expand(environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? "~/.aws/config", environment);

        /// <summary>AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials; expanded.</summary>
        public static string ResolveCredentialsFilePath(IAuthEnvironment environment) =>
            AuthPaths.Expand(environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials", environment);

        /// <summary>Reads both files; a missing file counts as empty, an unparsable one throws <see cref="SsoTokenException"/>.</summary>
        public static AwsConfigFile Load(IAuthEnvironment environment) => new AwsSharedFiles(environment).Both;

        /// <summary>The config file alone (botocore's ConfigProvider reads static keys only from it); a missing file counts as empty.</summary>
        public static AwsConfigFile LoadConfigFileOnly(IAuthEnvironment environment) => new AwsSharedFiles(environment).ConfigOnly;

        /// <summary>The credentials file alone, sections under their raw names (botocore's SharedCredentialProvider).</summary>
        public static AwsConfigFile LoadCredentialsFileOnly(IAuthEnvironment environment) => new AwsSharedFiles(environment).CredentialsOnly;

        /// <summary>Both files' contents, already read; a null text is a missing file.</summary>
        internal static AwsConfigFile FromTexts(string? configText, string configPath, string? credentialsText, string credentialsPath) =>
            Build(configText, configText == null ? null : configPath, credentialsText, credentialsText == null ? null : credentialsPath);

        /// <summary>Parses file contents directly (tests, or callers that already hold the text).</summary>
        public static AwsConfigFile Parse(string? configText, string? credentialsText = null) =>
            Build(configText, configText == null ? null : "config", credentialsText, credentialsText == null ? null : "credentials");

        private static AwsConfigFile Build(string? configText, string? configPath, string? credentialsText, string? credentialsPath)
        {
            var profiles = new Dictionary<string, AwsConfigSection>(StringComparer.Ordinal);
            var ssoSessions = new Dictionary<string, AwsConfigSection>(StringComparer.Ordinal);
            var services = new Dictionary<string, AwsConfigSection>(StringComparer.Ordinal);

            if (configText != null)
            {
                foreach (KeyValuePair<string, AwsConfigSection> section in ParseRaw(configText, configPath!))
                {
                    string key = section.Key;

                    // Same prefix tests, in the same order, as botocore's build_profile_map: only the first word's
                    // prefix is checked, and the name is the second shell-style word when there are exactly two.
                    if (key.StartsWith("profile", StringComparison.Ordinal))
                    {
                        AddNamed(profiles, key, section.Value);
                    }
                    else if (key.StartsWith("sso-session", StringComparison.Ordinal))
                    {
                        AddNamed(ssoSessions, key, section.Value);
                    }
                    else if (key.StartsWith("services", StringComparison.Ordinal))
                    {
                        AddNamed(services, key, section.Value);
                    }
                    else if (key == "default")
                    {
                        profiles[key] = section.Value;
                    }
                }
            }

            if (credentialsText != null)
            {
                // Session.full_config adds credentials-file sections verbatim as profiles (no "profile " prefix),
                // merging keys into an existing profile with the credentials file winning.
                foreach (KeyValuePair<string, AwsConfigSection> section in ParseRaw(credentialsText, credentialsPath!))
                {
                    if (profiles.TryGetValue(section.Key, out AwsConfigSection? existing))
                    {
                        foreach (KeyValuePair<string, object> pair in section.Value.Raw)
                        {
                            existing.Raw[pair.Key] = pair.Value;
                        }
                    }
                    else
                    {
                        profiles[section.Key] = section.Value;
                    }
                }
            }

            return new AwsConfigFile(profiles, ssoSessions, services, configPath, credentialsPath);
        }

        private static void AddNamed(Dictionary<string, AwsConfigSection> target, string sectionName, AwsConfigSection section)
        {
            List<string>? parts = ShellSplit(sectionName);
            if (parts != null && parts.Count == 2)
            {
                target[parts[1]] = section;
            }
        }

        internal static string? ReadIfExists(string path)
        {
            if (path.Length == 0 || !File.Exists(path))
            {
                return null;
            }

            try
            {
                using (var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true))
                {
                    return reader.ReadToEnd();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is DecoderFallbackException)
            {
                throw new SsoTokenException(SsoTokenErrorKind.InvalidConfiguration, $"Unable to read the AWS config file '{path}': {ex.Message}", innerException: ex);
            }
        }

        private static readonly Regex SectionHeader = new Regex(@"^\[(?<header>.+)\]", RegexOptions.CultureInvariant);

        private static readonly Regex OptionLine = new Regex(@"^(?<option>.*?)\s*(?<vi>=|:)\s*(?<value>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        /// <summary>
        /// Python RawConfigParser (strict, '=' and ':' delimiters, whole-line '#'/';' comments, no inline comments,
        /// indented continuation lines, blank lines kept inside values) followed by botocore's nested-value parsing.
        /// Returns sections in file order with the [DEFAULT] section's options folded into each of them.
        /// </summary>
        internal static List<KeyValuePair<string, AwsConfigSection>> ParseRaw(string text, string fileName)
        {
            var order = new List<string>();
            var sections = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
            var defaults = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Dictionary<string, List<string>>? current = null;
            string? sectionName = null;
            string? optionName = null;
            int indentLevel = 0;
            int lineNumber = 0;
            var badLines = new List<int>();

            using (var reader = new StringReader(text))
            {
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    lineNumber++;
                    string trimmed = line.Trim();
                    bool isComment = trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.StartsWith(";", StringComparison.Ordinal);
                    string value = isComment ? string.Empty : trimmed;

                    if (value.Length == 0)
                    {
                        // A blank (not comment) line belongs to the value being read; trailing ones are trimmed later.
                        if (!isComment && current != null && optionName != null)
                        {
                            current[optionName].Add(string.Empty);
                        }

                        continue;
                    }

                    int indent = 0;
                    while (indent < line.Length && char.IsWhiteSpace(line[indent]))
                    {
                        indent++;
                    }

                    if (current != null && optionName != null && indent > indentLevel)
                    {
                        current[optionName].Add(value);
                        continue;
                    }

                    indentLevel = indent;
                    Match header = SectionHeader.Match(value);
                    if (header.Success)
                    {
                        // Greedy like Python's regex: anything after the last ']' is ignored.
                        sectionName = header.Groups["header"].Value;
                        if (sectionName == "DEFAULT")
                        {
                            current = defaults;
                        }
                        else if (sections.TryGetValue(sectionName, out Dictionary<string, List<string>>? existing))
                        {
                            throw ParseError(fileName, lineNumber, $"section '{sectionName}' appears more than once");
                        }
                        else
                        {
                            current = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                            sections[sectionName] = current;
                            order.Add(sectionName);
                        }

                        optionName = null;
                        continue;
                    }

                    if (current == null)
                    {
                        throw ParseError(fileName, lineNumber, "the file must start with a section header such as [default]");
                    }

                    Match option = OptionLine.Match(value);
                    if (!option.Success)
                    {
                        // Python collects these and raises after the whole file is read; the outcome is the same.
                        badLines.Add(lineNumber);
                        continue;
                    }

                    string name = option.Groups["option"].Value.TrimEnd().ToLowerInvariant();
                    if (name.Length == 0)
                    {
                        badLines.Add(lineNumber);
                    }

                    if (!seen.Add(sectionName + "\u0000" + name))
                    {
                        throw ParseError(fileName, lineNumber, $"option '{name}' appears more than once in section '{sectionName}'");
                    }

                    optionName = name;
                    current[name] = new List<string> { option.Groups["value"].Value.Trim() };
                }
            }

            if (badLines.Count > 0)
            {
                // Line numbers only: the offending text could be a secret from the credentials file.
                throw ParseError(fileName, badLines[0], "expected 'name = value'" + (badLines.Count > 1 ? $" (also on line(s) {string.Join(", ", badLines.GetRange(1, badLines.Count - 1))})" : string.Empty));
            }

            var result = new List<KeyValuePair<string, AwsConfigSection>>(order.Count);
            foreach (string name in order)
            {
                var values = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, List<string>> pair in sections[name])
                {
                    values[pair.Key] = Finish(pair.Value, fileName);
                }

                foreach (KeyValuePair<string, List<string>> pair in defaults)
                {
                    if (!values.ContainsKey(pair.Key))
                    {
                        values[pair.Key] = Finish(pair.Value, fileName);
                    }
                }

                result.Add(new KeyValuePair<string, AwsConfigSection>(name, new AwsConfigSection(values)));
            }

            return result;
        }

        private static object Finish(List<string> lines, string fileName)
        {
            string joined = string.Join("\n", lines).TrimEnd();
            if (!joined.StartsWith("\n", StringComparison.Ordinal))
            {
                return joined;
            }

            // "key =" followed by indented lines: one level of "sub = value" pairs, as botocore's _parse_nested.
            var nested = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string raw in joined.Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                int eq = line.IndexOf('=');
                if (eq < 0)
                {
                    throw ParseError(fileName, null, "a nested value line has no '='");
                }

                nested[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }

            return nested;
        }

        private static SsoTokenException ParseError(string fileName, int? line, string detail) =>
            new SsoTokenException(
                SsoTokenErrorKind.InvalidConfiguration,
                string.Format(CultureInfo.InvariantCulture, "Unable to parse the AWS config file '{0}'{1}: {2}.", fileName, line.HasValue ? " at line " + line.Value.ToString(CultureInfo.InvariantCulture) : string.Empty, detail));

        /// <summary>
        /// Python shlex.split (POSIX mode, no comments): whitespace-separated words with quoting and backslash
        /// escapes. Returns null on the inputs shlex rejects (unbalanced quote, trailing backslash).
        /// </summary>
        internal static List<string>? ShellSplit(string input)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            bool inWord = false;
            int i = 0;
            while (i < input.Length)
            {
                char c = input[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    i++;
                }
                else if (c == '\\')
                {
                    if (i + 1 >= input.Length)
                    {
                        return null;
                    }

                    word.Append(input[i + 1]);
                    inWord = true;
                    i += 2;
                }
                else if (c == '\'')
                {
                    int end = input.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        return null;
                    }

                    word.Append(input, i + 1, end - i - 1);
                    inWord = true;
                    i = end + 1;
                }
                else if (c == '"')
                {
                    inWord = true;
                    i++;
                    bool closed = false;
                    while (i < input.Length)
                    {
                        char d = input[i];
                        if (d == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }

                        if (d == '\\' && i + 1 < input.Length && (input[i + 1] == '"' || input[i + 1] == '\\'))
                        {
                            word.Append(input[i + 1]);
                            i += 2;
                            continue;
                        }

                        if (d == '\\' && i + 1 >= input.Length)
                        {
                            return null;
                        }

                        word.Append(d);
                        i++;
                    }

                    if (!closed)
                    {
                        return null;
                    }
                }
                else
                {
                    word.Append(c);
                    inWord = true;
                    i++;
                }
            }

            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words;
        }
    }
}
