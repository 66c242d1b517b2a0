using System;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CodeCatalyst.Core.Auth
{
    /// <summary>
    /// One entry of ~/.aws/sso/cache as the AWS CLI writes it. The "Has..." flags record key presence because
    /// botocore decides whether it can refresh by presence, not by value.
    /// </summary>
    internal sealed class CachedSsoToken
    {
        public string? StartUrl { get; set; }

        public string? Region { get; set; }

        public string AccessToken { get; set; } = string.Empty;

        /// <summary>The expiry exactly as stored (botocore keeps the text of fields it does not touch).</summary>
        public string ExpiresAtText { get; set; } = string.Empty;

        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        public string? RegistrationExpiresAt { get; set; }

        public string? RefreshToken { get; set; }

        public bool HasClientId { get; set; }

        public bool HasClientSecret { get; set; }

        public bool HasRegistrationExpiresAt { get; set; }

        public bool HasRefreshToken { get; set; }

        /// <summary>Deliberately omits every secret so the object is safe to log.</summary>
        public override string ToString() => $"CachedSsoToken(startUrl={StartUrl}, region={Region}, expiresAt={ExpiresAtText}, refreshable={HasRefreshToken && HasClientId && HasClientSecret && HasRegistrationExpiresAt})";
    }

    /// <summary>
    /// The SSO token cache shared with the AWS CLI and SDKs: ~/.aws/sso/cache/&lt;sha1(sso-session name)&gt;.json,
    /// written the way botocore's JSONFileCache does (temp file in the same directory, owner-only, then replace).
    /// </summary>
    internal sealed class SsoTokenCache
    {
        /// <summary>botocore writes expiresAt with strftime('%Y-%m-%dT%H:%M:%SZ'), i.e. truncated to seconds.</summary>
        internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public SsoTokenCache(string directory)
        {
            Directory = directory ?? throw new ArgumentNullException(nameof(directory));
        }

        public string Directory { get; }

        /// <summary>The cache in the environment's home directory.</summary>
        public static SsoTokenCache ForEnvironment(IAuthEnvironment environment) => new SsoTokenCache(AuthPaths.SsoCacheDirectory(environment));

        /// <summary>Lower-case hex SHA-1 of the UTF-8 sso-session name (botocore's SSOTokenLoader key for sso-session profiles).</summary>
        public static string GetCacheKey(string sessionName)
        {
            byte[] hash;
            using (SHA1 sha1 = SHA1.Create())
            {
                hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(sessionName));
            }

            var hex = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        public string GetCachePath(string sessionName) => Path.Combine(Directory, GetCacheKey(sessionName) + ".json");

        /// <summary>
        /// The cached entry, or null when there is no file. Throws <see cref="SsoTokenException"/> (TokenMissing) when
        /// the file exists but is not a usable token, which botocore also treats as fatal.
        /// </summary>
        public CachedSsoToken? Read(string sessionName)
        {
            string path = GetCachePath(sessionName);
            if (!File.Exists(path))
            {
                return null;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Invalid(sessionName, path, "it could not be read (" + ex.GetType().Name + ")", ex);
            }

            try
            {
                using (JsonDocument document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false }))
                {
                    JsonElement root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(sessionName, path, "it is not a JSON object", null);
                    }

                    var token = new CachedSsoToken();
                    string? access = ReadString(root, "accessToken", out bool hasAccess);
                    string? expires = ReadString(root, "expiresAt", out bool hasExpires);
                    if (!hasAccess || !hasExpires || access == null || expires == null)
                    {
                        throw Invalid(sessionName, path, "it has no accessToken/expiresAt", null);
                    }

                    token.AccessToken = access;
                    token.ExpiresAtText = expires;
                    token.StartUrl = ReadString(root, "startUrl", out _);
                    token.Region = ReadString(root, "region", out _);
                    token.ClientId = ReadString(root, "clientId", out bool hasClientId);
                    token.ClientSecret = ReadString(root, "clientSecret", out bool hasClientSecret);
                    token.RegistrationExpiresAt = ReadString(root, "registrationExpiresAt", out bool hasRegistration);
                    token.RefreshToken = ReadString(root, "refreshToken", out bool hasRefresh);
                    token.HasClientId = hasClientId;
                    token.HasClientSecret = hasClientSecret;
                    token.HasRegistrationExpiresAt = hasRegistration;
                    token.HasRefreshToken = hasRefresh;
                    return token;
                }
            }
            catch (JsonException)
            {
                // The parser's message can quote file content, so it is not passed on.
                throw Invalid(sessionName, path, "it is not valid JSON", null);
            }
        }

        /// <summary>
        /// Writes the entry with botocore's key set and order: startUrl, region, accessToken, expiresAt, clientId,
        /// clientSecret, registrationExpiresAt and refreshToken only when the refresh returned one.
        /// </summary>
        public void Write(string sessionName, CachedSsoToken token)
        {
            byte[] content = Serialize(token);
            System.IO.Directory.CreateDirectory(Directory);
            string target = GetCachePath(sessionName);
            string temp = Path.Combine(Directory, "tmp" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    // Restrict before any secret is written, like mkstemp's 0600.
                    TrySetOwnerOnly(temp);
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }

                ReplaceFile(temp, target);
            }
            catch
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception)
                {
                    // Best effort: the original error is the one worth reporting.
                }

                throw;
            }
        }

        internal static byte[] Serialize(CachedSsoToken token)
        {
            using (var buffer = new MemoryStream())
            {
                // Relaxed escaping keeps '+' and '/' of secrets readable, closer to Python's json.dumps output.
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    writer.WriteStartObject();
                    WriteNullable(writer, "startUrl", token.StartUrl);
                    WriteNullable(writer, "region", token.Region);
                    writer.WriteString("accessToken", token.AccessToken);
                    writer.WriteString("expiresAt", token.ExpiresAtText);
                    WriteNullable(writer, "clientId", token.ClientId);
                    WriteNullable(writer, "clientSecret", token.ClientSecret);
                    WriteNullable(writer, "registrationExpiresAt", token.RegistrationExpiresAt);
                    if (token.HasRefreshToken)
                    {
                        WriteNullable(writer, "refreshToken", token.RefreshToken);
                    }

                    writer.WriteEndObject();
                }

                return buffer.ToArray();
            }
        }

        private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
        {
            if (value == null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, value);
            }
        }

        private static string? ReadString(JsonElement root, string name, out bool present)
        {
            if (!root.TryGetProperty(name, out JsonElement value))
            {
                present = false;
                return null;
            }

            present = true;
            return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }

        private static SsoTokenException Invalid(string sessionName, string path, string reason, Exception? inner) =>
            new SsoTokenException(SsoTokenErrorKind.TokenMissing, $"The cached SSO token for sso-session '{sessionName}' ({path}) is unusable: {reason}.", sessionName: sessionName, innerException: inner);

        private static void ReplaceFile(string source, string destination)
        {
            // os.replace equivalent: File.Replace renames over an existing file (atomically on Unix), File.Move
            // covers the first write; if another writer creates the file in between, replace it instead.
            if (File.Exists(destination))
            {
                File.Replace(source, destination, null, ignoreMetadataErrors: true);
                return;
            }

            try
            {
                File.Move(source, destination);
            }
            catch (IOException) when (File.Exists(destination))
            {
                File.Replace(source, destination, null, ignoreMetadataErrors: true);
            }
        }

        private static readonly Lazy<MethodInfo?> SetUnixFileMode = new Lazy<MethodInfo?>(() =>
        {
            Type? modeType = typeof(File).Assembly.GetType("System.IO.UnixFileMode");
            return modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
        });

        /// <summary>
        /// chmod 600 on Unix. netstandard2.0 has no API for it, but the runtimes PowerShell 7 runs on (.NET 7+) do, so
        /// it is looked up at run time; on older runtimes the file keeps the umask default.
        /// </summary>
        private static void TrySetOwnerOnly(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            MethodInfo? method = SetUnixFileMode.Value;
            if (method == null)
            {
                return;
            }

            try
            {
                Type modeType = method.GetParameters()[1].ParameterType;
                method.Invoke(null, new[] { path, Enum.ToObject(modeType, 0x180) }); // UserRead | UserWrite
            }
            catch (Exception)
            {
                // Permissions are hardening, not correctness; never fail the write over them.
            }
        }

        private static readonly Regex IsoTimestamp = new Regex(
            @"^\s*(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[Tt ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d+))?)?)?\s*(?<z>[Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$",
            RegexOptions.CultureInvariant);

        /// <summary>
        /// Parses the timestamps found in cache files (botocore's "…Z", older "…UTC", ISO offsets, fractions). A
        /// timestamp without a zone is rejected: botocore would fail comparing it with the current UTC time.
        /// </summary>
        internal static bool TryParseTimestamp(string text, out DateTimeOffset value)
        {
            value = default;
            Match m = IsoTimestamp.Match(text);
            if (!m.Success)
            {
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
                    && HasExplicitZone(text);
            }

            if (!m.Groups["z"].Success)
            {
                return false;
            }

            try
            {
                int Int(string group) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
                long ticks = 0;
                if (m.Groups["f"].Success)
                {
                    string fraction = (m.Groups["f"].Value + "0000000").Substring(0, 7);
                    ticks = long.Parse(fraction, CultureInfo.InvariantCulture);
                }

                TimeSpan offset = TimeSpan.Zero;
                string zone = m.Groups["z"].Value;
                if (zone[0] == '+' || zone[0] == '-')
                {
                    string digits = zone.Substring(1).Replace(":", string.Empty);
                    int hours = int.Parse(digits.Substring(0, 2), CultureInfo.InvariantCulture);
                    int minutes = digits.Length >= 4 ? int.Parse(digits.Substring(2, 2), CultureInfo.InvariantCulture) : 0;
                    offset = new TimeSpan(hours, minutes, 0);
                    if (zone[0] == '-')
                    {
                        offset = offset.Negate();
                    }
                }

                value = new DateTimeOffset(Int("y"), Int("mo"), Int("d"), Int("h"), Int("mi"), Int("s"), offset).AddTicks(ticks).ToUniversalTime();
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static bool HasExplicitZone(string text)
        {
            string t = text.TrimEnd();
            return t.EndsWith("Z", StringComparison.OrdinalIgnoreCase)
                || t.EndsWith("UTC", StringComparison.OrdinalIgnoreCase)
                || t.EndsWith("GMT", StringComparison.OrdinalIgnoreCase)
                || Regex.IsMatch(t, @"[+-]\d{2}:?\d{2}$");
        }

        internal static string FormatTimestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
    }
}
