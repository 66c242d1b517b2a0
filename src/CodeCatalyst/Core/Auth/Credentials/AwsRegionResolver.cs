using System;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>
    /// The region a service call goes to: -Region, then AWS_REGION, AWS_DEFAULT_REGION, then the profile's region
    /// (-ProfileName, else AWS_DEFAULT_PROFILE, AWS_PROFILE, 'default'). botocore itself reads only AWS_DEFAULT_REGION;
    /// AWS_REGION first is what the AWS CLI v2 and the other SDKs do. Empty values are skipped.
    /// </summary>
    internal static class AwsRegionResolver
    {
        /// <summary>
        /// The region, or null when none is configured; <paramref name="source"/> says where it came from. Give
        /// <paramref name="files"/> when the same command reads the shared files for something else too.
        /// </summary>
        public static string? Resolve(string? explicitRegion, string? profileName, IAuthEnvironment? environment, out string source, AwsSharedFiles? files = null)
        {
            environment ??= ProcessAuthEnvironment.Instance;
            if (!string.IsNullOrEmpty(explicitRegion))
            {
                source = "-Region";
                return Validate(explicitRegion!, source);
            }

            foreach (string variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                string? value = environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrEmpty(value))
                {
                    source = variable;
                    return Validate(value!, source);
                }
            }

            string profile = SsoTokenProvider.ResolveProfileName(profileName, environment);
            AwsConfigFile config;
            try
            {
                config = (files ?? new AwsSharedFiles(environment)).Both;
            }
            catch (SsoTokenException ex)
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, ex.Message, "shared config", profile, ex);
            }

            if (config.Profiles.TryGetValue(profile, out AwsConfigSection? section))
            {
                string? region = section.GetString("region");
                if (!string.IsNullOrEmpty(region))
                {
                    source = $"profile '{profile}'";
                    return Validate(region!, source);
                }
            }

            source = string.Empty;
            return null;
        }

        private static string Validate(string region, string source)
        {
            if (!AwsServiceEndpoint.IsValidRegion(region))
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.InvalidConfiguration, $"The region '{region}' from {source} is not a valid region name (e.g. us-east-1).", "region");
            }

            return region;
        }
    }
}
