using System;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>
    /// The shared config and credentials files for one command: each file is read at most once, when first needed, and
    /// parsed into the views botocore uses (both files together, the config file alone, the credentials file alone).
    /// One command that resolves a Region, an endpoint and credentials so reads each file once, not once per question.
    /// </summary>
    internal sealed class AwsSharedFiles
    {
        private readonly Lazy<(string Path, string? Text)> _config;
        private readonly Lazy<(string Path, string? Text)> _credentials;
        private AwsConfigFile? _both;
        private AwsConfigFile? _configOnly;
        private AwsConfigFile? _credentialsOnly;

        public AwsSharedFiles(IAuthEnvironment environment)
        {
            _config = new Lazy<(string, string?)>(() => Read(AwsConfigFile.ResolveConfigFilePath(environment)));
            _credentials = new Lazy<(string, string?)>(() => Read(AwsConfigFile.ResolveCredentialsFilePath(environment)));
        }

        /// <summary>Both files: profiles, sso-sessions and services of the config file, and the credentials file's profiles.</summary>
        /// <exception cref="SsoTokenException">A file cannot be read or parsed.</exception>
        public AwsConfigFile Both => _both ??= AwsConfigFile.FromTexts(_config.Value.Text, _config.Value.Path, _credentials.Value.Text, _credentials.Value.Path);

        public AwsConfigFile ConfigOnly => _configOnly ??= AwsConfigFile.FromTexts(_config.Value.Text, _config.Value.Path, null, _credentials.Value.Path);

        public AwsConfigFile CredentialsOnly => _credentialsOnly ??= AwsConfigFile.FromTexts(null, _config.Value.Path, _credentials.Value.Text, _credentials.Value.Path);

        private static (string, string?) Read(string path) => (path, AwsConfigFile.ReadIfExists(path));
    }
}
