using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CodeCatalyst.Core
{
    /// <summary>Secrets between SecureStrings and the plain strings a request needs, in one place.</summary>
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

        /// <summary>
        /// The characters of a SecureString, for the moment a request needs them. All of them: a NUL inside must reach
        /// the caller's checks, not cut the value short. The unmanaged copy is zeroed before it is freed.
        /// </summary>
        public static string ToPlainText(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer, secure.Length);
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
