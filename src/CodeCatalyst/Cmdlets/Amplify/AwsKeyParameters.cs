using System;
using System.Management.Automation;
using System.Security;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Auth.Signing;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>An access key given as parameters, kept as SecureStrings until a request needs it.</summary>
    internal sealed class AwsKeyParameters : IDisposable
    {
        private AwsKeyParameters(string accessKey, SecureString secretKey, SecureString? sessionToken, string parameterName)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
            SessionToken = sessionToken;
            ParameterName = parameterName;
        }

        public string AccessKey { get; }

        public SecureString SecretKey { get; }

        public SecureString? SessionToken { get; }

        /// <summary>"-AccessKey" or "-Credential": how the user gave the key, for messages and the connection context.</summary>
        public string ParameterName { get; }

        /// <summary>
        /// The key from -AccessKey/-SecretKey/-SessionToken or -Credential, or null when none of them was given. An
        /// incomplete or doubled key, or one AwsCredentials refuses, is a configuration error before anything is sent.
        /// </summary>
        public static AwsKeyParameters? Read(string? accessKey, SecureString? secretKey, SecureString? sessionToken, PSCredential? credential)
        {
            if (credential != null && (accessKey != null || secretKey != null))
            {
                throw new CodeCatalystConfigurationException("CredentialTwice",
                    "Give either -Credential or -AccessKey with -SecretKey, not both.");
            }

            AwsKeyParameters keys;
            if (credential != null)
            {
                keys = new AwsKeyParameters(credential.UserName, credential.Password, sessionToken, "-Credential");
            }
            else if (accessKey == null && secretKey == null)
            {
                if (sessionToken == null) return null;
                throw new CodeCatalystConfigurationException("SessionTokenAlone",
                    "-SessionToken belongs to temporary credentials: give it with -AccessKey and -SecretKey, or with -Credential.");
            }
            else if (accessKey == null || secretKey == null)
            {
                throw new CodeCatalystConfigurationException("IncompleteAccessKey",
                    "-AccessKey and -SecretKey go together: give both, or neither to use the environment or an AWS profile.");
            }
            else
            {
                keys = new AwsKeyParameters(accessKey, secretKey, sessionToken, "-AccessKey");
            }

            keys.ToCredentials(); // refuses a malformed key now, not at the first request
            return keys;
        }

        /// <summary>A copy that outlives the caller's SecureStrings (which the caller may dispose), read-only.</summary>
        public AwsKeyParameters Copy()
        {
            var secretKey = SecretKey.Copy();
            secretKey.MakeReadOnly();
            var sessionToken = SessionToken?.Copy();
            sessionToken?.MakeReadOnly();
            return new AwsKeyParameters(AccessKey, secretKey, sessionToken, ParameterName);
        }

        public void Dispose()
        {
            SecretKey.Dispose();
            SessionToken?.Dispose();
        }

        public AwsCredentials ToCredentials()
        {
            try
            {
                return new AwsCredentials(AccessKey, SecretText.ToPlainText(SecretKey),
                    SessionToken == null ? null : SecretText.ToPlainText(SessionToken));
            }
            catch (ArgumentException exception)
            {
                // Its message names the field, never the value.
                throw new CodeCatalystConfigurationException("InvalidAccessKey", exception.Message);
            }
        }

        /// <summary>The access key id as the AWS CLI's 'configure list' shows it: only its last four characters.</summary>
        public string MaskedAccessKey =>
            AccessKey.Length <= 4 ? new string('*', AccessKey.Length) : new string('*', AccessKey.Length - 4) + AccessKey.Substring(AccessKey.Length - 4);
    }
}
