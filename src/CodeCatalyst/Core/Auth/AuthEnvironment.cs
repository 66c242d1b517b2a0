using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>The process state the token resolution reads, abstracted so tests can run against a temp home.</summary>
    internal interface IAuthEnvironment
    {
        /// <summary>The variable's value; null when it is not set (an empty string when it is set but empty).</summary>
        string? GetEnvironmentVariable(string name);

        /// <summary>The directory "~" expands to, or null when it cannot be determined.</summary>
        string? GetHomeDirectory();
    }

    /// <summary>Reads the real process environment, expanding "~" the way Python's os.path.expanduser does.</summary>
    internal sealed class ProcessAuthEnvironment : IAuthEnvironment
    {
        public static readonly ProcessAuthEnvironment Instance = new ProcessAuthEnvironment();

        public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);

        public string? GetHomeDirectory()
        {
            // botocore runs on Python: on Windows (3.8+) HOME is ignored in favour of USERPROFILE, then
            // HOMEDRIVE+HOMEPATH; elsewhere HOME wins and the password database is the fallback. Matching this keeps
            // us reading the same ~/.aws the AWS CLI wrote.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                string? profile = Environment.GetEnvironmentVariable("USERPROFILE");
                if (!string.IsNullOrEmpty(profile))
                {
                    return profile;
                }

                string? drive = Environment.GetEnvironmentVariable("HOMEDRIVE");
                string? path = Environment.GetEnvironmentVariable("HOMEPATH");
                if (path != null)
                {
                    return (drive ?? string.Empty) + path;
                }
            }
            else
            {
                string? home = Environment.GetEnvironmentVariable("HOME");
                if (home != null)
                {
                    return home;
                }
            }

            string folder = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(folder) ? null : folder;
        }
    }

    /// <summary>Path expansion with the semantics of Python's os.path.expandvars/expanduser, used on AWS_CONFIG_FILE and friends.</summary>
    internal static class AuthPaths
    {
        private static readonly Regex PosixVariable = new Regex(@"\$(\w+|\{[^}]*\})", RegexOptions.CultureInvariant);

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Expands a leading "~" (not "~user", which is left alone) to the environment's home directory.</summary>
        public static string ExpandUser(string path, IAuthEnvironment environment)
        {
            if (path.Length == 0 || path[0] != '~')
            {
                return path;
            }

            bool separatorFollows = path.Length == 1 || path[1] == '/' || (IsWindows && path[1] == '\\');
            if (!separatorFollows)
            {
                return path;
            }

            string? home = environment.GetHomeDirectory();
            if (home == null)
            {
                return path;
            }

            if (IsWindows)
            {
                return home + path.Substring(1);
            }

            // posixpath: trailing slashes of HOME are dropped, and an empty result means the root.
            string joined = home.TrimEnd('/') + path.Substring(1);
            return joined.Length == 0 ? "/" : joined;
        }

        /// <summary>Replaces $NAME and ${NAME} (and %NAME% on Windows) with set variables; unknown ones stay verbatim.</summary>
        public static string ExpandVariables(string path, IAuthEnvironment environment)
        {
            if (path.IndexOf('$') >= 0)
            {
                path = PosixVariable.Replace(path, match =>
                {
                    string name = match.Groups[1].Value;
                    if (name.StartsWith("{", StringComparison.Ordinal) && name.EndsWith("}", StringComparison.Ordinal))
                    {
                        name = name.Substring(1, name.Length - 2);
                    }

                    return environment.GetEnvironmentVariable(name) ?? match.Value;
                });
            }

            if (IsWindows && path.IndexOf('%') >= 0)
            {
                var result = new StringBuilder(path.Length);
                int i = 0;
                while (i < path.Length)
                {
                    int end = path[i] == '%' ? path.IndexOf('%', i + 1) : -1;
                    if (end > i + 1)
                    {
                        string name = path.Substring(i + 1, end - i - 1);
                        string? value = environment.GetEnvironmentVariable(name);
                        result.Append(value ?? path.Substring(i, end - i + 1));
                        i = end + 1;
                    }
                    else
                    {
                        result.Append(path[i]);
                        i++;
                    }
                }

                path = result.ToString();
            }

            return path;
        }

        /// <summary>expandvars then expanduser, the order botocore applies to config file locations.</summary>
        public static string Expand(string path, IAuthEnvironment environment) =>
            ExpandUser(ExpandVariables(path, environment), environment);

        /// <summary>The SSO token cache directory, ~/.aws/sso/cache.</summary>
        public static string SsoCacheDirectory(IAuthEnvironment environment) =>
            ExpandUser("~" + "/" + ".aws/sso/cache", environment).Replace('/', Path.DirectorySeparatorChar);
    }

    /// <summary>The first link of botocore's token chain: a bearer token handed over in AWS_BEARER_TOKEN_&lt;SERVICE&gt;.</summary>
    internal static class BearerTokenEnvironment
    {
        /// <summary>The variable botocore consults for a signing name, e.g. AWS_BEARER_TOKEN_CODECATALYST.</summary>
        public static string VariableName(string signingName) =>
            "AWS_BEARER_TOKEN_" + signingName.Replace('-', '_').Replace(' ', '_').ToUpperInvariant();

        /// <summary>The token from the environment, or null when the variable is not set. Like botocore, an empty value counts as set.</summary>
        public static string? GetToken(string signingName, IAuthEnvironment environment)
        {
            if (string.IsNullOrWhiteSpace(signingName))
            {
                return null;
            }

            return environment.GetEnvironmentVariable(VariableName(signingName));
        }
    }
}
