using System.Security;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>Secrets the service hands out (a new token, a session's credentials), kept out of plain strings.</summary>
    internal static class SecretText
    {
        /// <summary>A read-only SecureString of the value, as the cmdlets write secrets unless -AsPlainText is given.</summary>
        public static SecureString ToSecureString(string value)
        {
            var secure = new SecureString();
            foreach (var character in value) secure.AppendChar(character);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
