using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth.Signing;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>
    /// Runs a profile's credential_process and reads its Version 1 JSON, as botocore's ProcessProvider: the command
    /// line is split like a POSIX shell (no shell runs it), stdout must be {"Version": 1, "AccessKeyId",
    /// "SecretAccessKey", optional "SessionToken" and "Expiration"}. Unlike botocore it is bounded: the process is
    /// killed after <see cref="Timeout"/>, and stdout/stderr beyond <see cref="MaxOutputBytes"/> are refused. Neither
    /// stream is ever put in a message: either may hold the secrets the process prints.
    /// </summary>
    internal sealed class CredentialProcess
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);
        public const int DefaultMaxOutputBytes = 64 * 1024;

        public CredentialProcess(string commandLine, string profileName, TimeSpan? timeout = null, int maxOutputBytes = DefaultMaxOutputBytes)
        {
            CommandLine = commandLine;
            ProfileName = profileName;
            Timeout = timeout ?? DefaultTimeout;
            MaxOutputBytes = maxOutputBytes;
        }

        public string CommandLine { get; }

        public string ProfileName { get; }

        public TimeSpan Timeout { get; }

        public int MaxOutputBytes { get; }

        private string Where => $"the credential_process of profile '{ProfileName}'";

        /// <summary>Runs the process once and returns its credentials.</summary>
        public async Task<AwsCredentials> RunAsync(CancellationToken cancellationToken)
        {
            List<string>? words = AwsConfigFile.ShellSplit(CommandLine);
            if (words == null || words.Count == 0)
            {
                throw Fail(AwsCredentialErrorKind.InvalidConfiguration, $"The credential_process of profile '{ProfileName}' is empty or has an unbalanced quote; fix it in the AWS config file.");
            }

            var start = new ProcessStartInfo(words[0])
            {
                Arguments = JoinArguments(words, 1),
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = false,
                CreateNoWindow = true,
            };

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("no process was started");
            }
            catch (Exception ex) when (ex is Win32Exception || ex is InvalidOperationException || ex is IOException)
            {
                throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} could not be started ('{words[0]}': {ex.Message}). Check that the program exists and is executable.", ex);
            }

            using (process)
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(Timeout);
                Task<byte[]?> stdout = ReadBoundedAsync(process.StandardOutput.BaseStream, limit.Token);
                Task<byte[]?> stderr = ReadBoundedAsync(process.StandardError.BaseStream, limit.Token);
                byte[]? output;
                byte[]? errorOutput;
                try
                {
                    // Whichever stream overflows first stops the process: it would otherwise block on the full pipe.
                    var pending = new List<Task<byte[]?>> { stdout, stderr };
                    while (pending.Count > 0)
                    {
                        Task<byte[]?> done = await Task.WhenAny(pending).ConfigureAwait(false);
                        pending.Remove(done);
                        if (await done.ConfigureAwait(false) == null)
                        {
                            Kill(process);
                            throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} wrote more than {MaxOutputBytes / 1024} KiB, which is not a credentials document; it was stopped.");
                        }
                    }

                    output = stdout.Result!;
                    errorOutput = stderr.Result!;

                    await WaitForExitAsync(process, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!process.HasExited)
                {
                    Kill(process);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }

                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} did not finish within {Timeout.TotalSeconds:0.#} s and was stopped. Run it by hand to see whether it waits for input.");
                }

                if (process.ExitCode != 0)
                {
                    // stderr is not echoed: a failing helper may print the secrets it was about to return.
                    throw Fail(AwsCredentialErrorKind.SourceFailed, string.Format(CultureInfo.InvariantCulture, "{0} exited with code {1} (it wrote {2} byte(s) to stderr, not shown here because it may hold secrets). Run the command by hand to see its message.", Where, process.ExitCode, errorOutput.Length));
                }

                return Parse(output);
            }
        }

        private AwsCredentials Parse(byte[] output)
        {
            using (JsonDocument? document = CredentialJson.TryParse(output))
            {
                if (document == null || document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} did not print a JSON object on stdout ({output.Length} byte(s), not shown). It must print {{\"Version\": 1, \"AccessKeyId\": ..., \"SecretAccessKey\": ...}}.");
                }

                JsonElement root = document.RootElement;
                if (!root.TryGetProperty("Version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number) || number != 1)
                {
                    string shown = !root.TryGetProperty("Version", out version) ? "<Version key not provided>" : version.ValueKind == JsonValueKind.Number ? version.GetRawText() : "(not a number)";
                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} printed Version '{shown}'; the only supported version is 1.");
                }

                string? accessKeyId = CredentialJson.GetString(root, "AccessKeyId");
                string? secretAccessKey = CredentialJson.GetString(root, "SecretAccessKey");
                var missing = new List<string>();
                if (accessKeyId == null) missing.Add("AccessKeyId");
                if (secretAccessKey == null) missing.Add("SecretAccessKey");
                if (missing.Count > 0)
                {
                    throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} printed JSON without the required key(s): {string.Join(", ", missing)}.");
                }

                DateTimeOffset? expiration = null;
                string? expirationText = CredentialJson.GetString(root, "Expiration");
                if (expirationText != null)
                {
                    if (!CredentialJson.TryParseTime(expirationText, out DateTimeOffset parsed))
                    {
                        throw Fail(AwsCredentialErrorKind.SourceFailed, $"{Where} printed an Expiration that is not an ISO 8601 time.");
                    }

                    expiration = parsed;
                }

                return CredentialJson.Create(accessKeyId!, secretAccessKey!, CredentialJson.GetString(root, "SessionToken"), expiration, Where);
            }
        }

        private async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
        {
            using (var buffer = new MemoryStream())
            using (cancellationToken.Register(state => ((IDisposable)state!).Dispose(), stream))
            {
                var chunk = new byte[4096];
                try
                {
                    while (true)
                    {
                        int read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            return buffer.ToArray();
                        }

                        if (buffer.Length + read > MaxOutputBytes)
                        {
                            return null;
                        }

                        buffer.Write(chunk, 0, read);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        private static async Task WaitForExitAsync(Process process, CancellationToken cancellationToken)
        {
            // Both streams are at their end already, so this is the short gap between closing them and exiting.
            while (!process.WaitForExit(0))
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }

            process.WaitForExit();
        }

        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is Win32Exception || ex is NotSupportedException)
            {
            }
        }

        /// <summary>Quotes arguments so the runtime's (MSVCRT-rule) command-line parsing gives back exactly these words.</summary>
        internal static string JoinArguments(IReadOnlyList<string> words, int from)
        {
            var text = new StringBuilder();
            for (int i = from; i < words.Count; i++)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                string word = words[i];
                if (word.Length > 0 && word.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
                {
                    text.Append(word);
                    continue;
                }

                text.Append('"');
                int backslashes = 0;
                foreach (char c in word)
                {
                    if (c == '\\')
                    {
                        backslashes++;
                        continue;
                    }

                    if (c == '"')
                    {
                        text.Append('\\', backslashes * 2 + 1).Append('"');
                    }
                    else
                    {
                        text.Append('\\', backslashes).Append(c);
                    }

                    backslashes = 0;
                }

                text.Append('\\', backslashes * 2).Append('"');
            }

            return text.ToString();
        }

        private AwsCredentialException Fail(AwsCredentialErrorKind kind, string message, Exception? inner = null) =>
            new AwsCredentialException(kind, message, "credential_process", ProfileName, inner);
    }
}
