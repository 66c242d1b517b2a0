using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>
    /// Where a botocore client for an AWS service sends its requests: a configured endpoint URL (environment, services
    /// section, profile) or the default https://{prefix}.{region}.{partition DNS suffix}. Shared by the SSO OIDC
    /// refresh and the credential chain's STS and SSO calls.
    /// </summary>
    internal static class AwsServiceEndpoint
    {
        /// <summary>botocore's validate_region_name: a host label that is not all digits.</summary>
        private static readonly Regex ValidRegion = new Regex(@"^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$", RegexOptions.CultureInvariant);

        // Partition DNS suffixes from botocore's partitions.json, in file order (first regex match wins, "aws" otherwise).
        private static readonly KeyValuePair<Regex, string>[] Partitions =
        {
            Partition(@"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$", "amazonaws.com"),
            Partition(@"^cn\-\w+\-\d+$", "amazonaws.com.cn"),
            Partition(@"^eusc\-(de)\-\w+\-\d+$", "amazonaws.eu"),
            Partition(@"^us\-iso\-\w+\-\d+$", "c2s.ic.gov"),
            Partition(@"^us\-isob\-\w+\-\d+$", "sc2s.sgov.gov"),
            Partition(@"^eu\-isoe\-\w+\-\d+$", "cloud.adc-e.uk"),
            Partition(@"^us\-isof\-\w+\-\d+$", "csp.hci.ic.gov"),
            Partition(@"^us\-gov\-\w+\-\d+$", "amazonaws.com"),
        };

        private static KeyValuePair<Regex, string> Partition(string pattern, string suffix) =>
            new KeyValuePair<Regex, string>(new Regex(pattern, RegexOptions.CultureInvariant), suffix);

        /// <summary>True for a name botocore accepts as a region (a host label, not all digits).</summary>
        public static bool IsValidRegion(string region) => ValidRegion.IsMatch(region);

        /// <summary>The partition's DNS suffix for a region: amazonaws.com, amazonaws.com.cn, ...</summary>
        public static string DnsSuffix(string region)
        {
            foreach (KeyValuePair<Regex, string> partition in Partitions)
            {
                if (partition.Key.IsMatch(region))
                {
                    return partition.Value;
                }
            }

            return "amazonaws.com";
        }

        /// <summary>
        /// Order (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true):
        /// AWS_ENDPOINT_URL_{SERVICE}, AWS_ENDPOINT_URL, the profile's services section "{service}.endpoint_url", the
        /// profile's endpoint_url; else https://{hostPrefix}.{region}.{partition dns suffix}.
        /// </summary>
        /// <param name="serviceKey">The service id in snake case, e.g. sso_oidc, sts, sso.</param>
        /// <param name="hostPrefix">The default host's first label(s), e.g. oidc, sts, portal.sso.</param>
        /// <param name="region">The client's region.</param>
        /// <param name="profile">The session's profile (services section, endpoint_url, ignore_configured_endpoint_urls).</param>
        /// <param name="config">The shared config, for the services sections.</param>
        /// <param name="environment">Environment variables.</param>
        /// <param name="error">Builds the exception for a bad region or URL, so each caller raises its own type.</param>
        /// <param name="source">Where the endpoint came from, for messages.</param>
        public static Uri Resolve(string serviceKey, string hostPrefix, string region, AwsConfigSection? profile, AwsConfigFile config, IAuthEnvironment environment, Func<string, Exception> error, out string source)
        {
            source = string.Empty;
            if (!ValidRegion.IsMatch(region))
            {
                throw error($"The {(serviceKey == "sso_oidc" ? "sso_region" : "region")} '{region}' is not a valid region name.");
            }

            Uri? configured = ResolveConfigured(serviceKey, profile, config, environment, error, out source);
            if (configured != null)
            {
                return configured;
            }

            source = "default endpoint";
            return new Uri("https://" + hostPrefix + "." + region + "." + DnsSuffix(region));
        }

        /// <summary>The configured endpoint only (see <see cref="Resolve"/>), or null when none is configured.</summary>
        public static Uri? ResolveConfigured(string serviceKey, AwsConfigSection? profile, AwsConfigFile config, IAuthEnvironment environment, Func<string, Exception> error, out string source)
        {
            source = string.Empty;
            string? configured = IgnoreConfiguredEndpoints(profile, environment) ? null : FindConfigured(serviceKey, profile, config, environment, error, out source);
            if (configured == null)
            {
                return null;
            }

            if (!Uri.TryCreate(configured, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                throw error($"The endpoint URL from {source} is not a valid http(s) URL.");
            }

            return uri;
        }

        /// <summary>An operation's URL: the endpoint's path (without one trailing '/') plus the operation path, query kept, as botocore joins it.</summary>
        public static Uri Append(Uri endpoint, string operationPath)
        {
            string path = endpoint.AbsolutePath;
            if (path.EndsWith("/", StringComparison.Ordinal))
            {
                path = path.Substring(0, path.Length - 1);
            }

            var builder = new UriBuilder(endpoint) { Path = path + operationPath };
            return builder.Uri;
        }

        private static bool IgnoreConfiguredEndpoints(AwsConfigSection? profile, IAuthEnvironment environment)
        {
            // Environment first (even when "false"), then the profile; botocore's ensure_boolean: only "true" is true.
            string? value = environment.GetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
            if (value == null && profile != null)
            {
                value = profile.GetString("ignore_configured_endpoint_urls");
            }

            return value != null && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
        }

        private static string? FindConfigured(string serviceKey, AwsConfigSection? profile, AwsConfigFile config, IAuthEnvironment environment, Func<string, Exception> error, out string source)
        {
            // Empty values are skipped, as botocore checks truthiness.
            string variable = "AWS_ENDPOINT_URL_" + serviceKey.ToUpperInvariant();
            string? value = environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                source = variable;
                return value;
            }

            value = environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
            if (!string.IsNullOrEmpty(value))
            {
                source = "AWS_ENDPOINT_URL";
                return value;
            }

            if (profile != null && profile.ContainsKey("services"))
            {
                string? servicesName = profile.GetString("services");
                if (servicesName == null || !config.Services.TryGetValue(servicesName, out AwsConfigSection? services) || services.Count == 0)
                {
                    throw error($"The profile is configured to use the services section but the \"{servicesName}\" services configuration does not exist.");
                }

                if (services.TryGetNested(serviceKey, out IReadOnlyDictionary<string, string> nested) && nested.TryGetValue("endpoint_url", out string? url) && !string.IsNullOrEmpty(url))
                {
                    source = $"[services {servicesName}] {serviceKey}.endpoint_url";
                    return url;
                }
            }

            value = profile?.GetString("endpoint_url");
            if (!string.IsNullOrEmpty(value))
            {
                source = "the profile's endpoint_url";
                return value;
            }

            source = string.Empty;
            return null;
        }
    }
}
