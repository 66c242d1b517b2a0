using System;
using System.Net;

namespace CodeCatalyst.Core
{
    /// <summary>
    /// Decides which endpoint a call goes to: the -EndpointUrl parameter, then the Connect-CCAccount default, then
    /// the AWS SDK environment variables, then the public endpoint.
    /// </summary>
    internal static class EndpointResolver
    {
        public const string DefaultEndpoint = "https://codecatalyst.global.api.aws";
        public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_CODECATALYST";
        public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
        public const string IgnoreConfiguredEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

        public static Uri Resolve(Uri? parameterEndpoint, Uri? sessionEndpoint, Func<string, string?> environment)
        {
            if (parameterEndpoint != null) return Validate(parameterEndpoint, "-EndpointUrl");
            if (sessionEndpoint != null) return Validate(sessionEndpoint, "the Connect-CCAccount endpoint");

            // The SDKs let one switch turn every configured endpoint off, to reach the real service again.
            var ignoreConfigured = string.Equals(environment(IgnoreConfiguredEndpointsVariable)?.Trim(), "true",
                StringComparison.OrdinalIgnoreCase);
            if (!ignoreConfigured)
            {
                foreach (var variable in new[] { ServiceEndpointVariable, GlobalEndpointVariable })
                {
                    var value = environment(variable);
                    if (!string.IsNullOrWhiteSpace(value)) return Validate(Parse(value!.Trim(), variable), variable);
                }
            }

            return new Uri(DefaultEndpoint);
        }

        public static Uri Parse(string value, string origin)
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri)) return uri;
            throw new CodeCatalystConfigurationException("InvalidEndpoint",
                $"The endpoint '{value}' from {origin} is not an absolute URL. Give one such as {DefaultEndpoint} or http://127.0.0.1:5080 for the local emulator.");
        }

        /// <summary>HTTPS everywhere; plain HTTP only to this machine, where no token can be sniffed off a network.</summary>
        public static Uri Validate(Uri endpoint, string origin)
        {
            if (!endpoint.IsAbsoluteUri)
            {
                throw new CodeCatalystConfigurationException("InvalidEndpoint",
                    $"The endpoint '{endpoint}' from {origin} is not an absolute URL. Give one such as {DefaultEndpoint}.");
            }

            if (endpoint.Scheme == Uri.UriSchemeHttps) return endpoint;
            if (endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(endpoint)) return endpoint;

            throw new CodeCatalystConfigurationException("InsecureEndpoint",
                $"The endpoint '{endpoint}' from {origin} must use https. Plain http is allowed only for loopback " +
                "addresses (localhost, 127.0.0.1, ::1), such as the local emulator, because the bearer token travels with every request.");
        }

        private static bool IsLoopback(Uri endpoint)
        {
            if (endpoint.IsLoopback) return true;
            return IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }
    }
}
