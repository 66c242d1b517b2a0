using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Http;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>
    /// What every cmdlet of the module shares: cancellation on Ctrl+C, running async work on the pipeline thread
    /// while writing the core's diagnostics as they arrive, and turning failures into ErrorRecords.
    /// </summary>
    public abstract class CodeCatalystCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        // Set when started work completes or a diagnostic is queued. A managed event, so a call costs no OS wait
        // handle (a Task's AsyncWaitHandle is one, and was left to the finalizer on every call).
        private readonly ManualResetEventSlim _wake = new ManualResetEventSlim(false);
        private QueuedClientDiagnostics? _diagnostics;

        /// <summary>Created on the pipeline thread (it reads the caller's preferences), on first use.</summary>
        internal QueuedClientDiagnostics Diagnostics => _diagnostics ??= new QueuedClientDiagnostics(_wake,
            StreamWanted("Verbose", "VerbosePreference"), StreamWanted("Debug", "DebugPreference"));

        protected CancellationToken CancellationToken => _cancellation.Token;

        protected override void StopProcessing() => CancelOutstandingWork();

        public void Dispose()
        {
            // Work nobody will read any more (a page read ahead, reads cut short by Select-Object -First) stops here.
            CancelOutstandingWork();
            _cancellation.Dispose();
            _wake.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Runs async work to completion on the pipeline thread. While it runs, messages queued by pool threads are
        /// written here, the only thread allowed to. Ctrl+C cancels the work at once.
        /// </summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            try
            {
                var task = Start(work);
                while (!task.IsCompleted) WaitForWork();
                FlushDiagnostics();
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                FlushDiagnostics();
                throw new PipelineStoppedException();
            }
            catch
            {
                FlushDiagnostics();
                throw;
            }
        }

        /// <summary>Starts async work whose completion wakes <see cref="WaitForWork"/>.</summary>
        internal Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
        {
            var task = work(_cancellation.Token);
            if (!task.IsCompleted)
            {
                task.ContinueWith((_, wake) => SetQuietly((ManualResetEventSlim)wake!), _wake, CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return task;
        }

        /// <summary>
        /// Blocks the pipeline thread until started work completes or a diagnostic arrives, then writes the
        /// diagnostics. Callers check their work after each return: a wake-up says something happened, not what.
        /// </summary>
        internal void WaitForWork()
        {
            _wake.Wait();
            // Reset before looking: anything that completes from here on sets the event again.
            _wake.Reset();
            FlushDiagnostics();
        }

        /// <summary>Cancels all work still running, as Ctrl+C would; used when a command ends with work outstanding.</summary>
        internal void CancelOutstandingWork()
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Ctrl+C arrived after the command had already finished.
            }
        }

        internal bool IsStopping => _cancellation.IsCancellationRequested;

        private static void SetQuietly(ManualResetEventSlim wake)
        {
            try
            {
                wake.Set();
            }
            catch (ObjectDisposedException)
            {
                // Work abandoned by a finished command completed after it was disposed.
            }
        }

        /// <summary>
        /// Whether WriteVerbose or WriteDebug would write anything, decided as the engine does: an explicit
        /// -Verbose/-Debug wins (-Debug also turns on verbose), else the caller's preference variable.
        /// </summary>
        private bool StreamWanted(string switchName, string preferenceVariable)
        {
            var bound = MyInvocation?.BoundParameters;
            if (bound != null)
            {
                if (bound.TryGetValue(switchName, out var value) && value is SwitchParameter explicitSwitch) return explicitSwitch.IsPresent;
                if (switchName == "Verbose" && bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter debugSwitch &&
                    debugSwitch.IsPresent)
                {
                    return true;
                }
            }

            try
            {
                var preference = GetVariableValue(preferenceVariable);
                if (preference == null) return false;
                var action = preference is ActionPreference set
                    ? set
                    : (ActionPreference)LanguagePrimitives.ConvertTo(preference, typeof(ActionPreference), CultureInfo.InvariantCulture);
                return action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore;
            }
            catch (Exception exception) when (exception is PSInvalidCastException || exception is InvalidOperationException)
            {
                return true; // unreadable: keep the messages rather than lose them
            }
        }

        internal void Run(Func<CancellationToken, Task> work) =>
            Run(async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            });

        /// <summary>-First, -Skip and -IncludeTotalCount of a command that lists (see CodeCatalystListCmdlet).</summary>
        internal virtual PagingRequest? Paging => null;

        /// <summary>
        /// Writes a list operation's items page by page, honouring -First and -Skip. Each item is written as soon as
        /// its page arrives, and no further page is requested once enough items were written (or once a downstream
        /// command such as Select-Object -First stops the pipeline, which surfaces here as an exception).
        /// </summary>
        internal void WritePages<T>(Func<string?, int?, CancellationToken, Task<Core.Page<T>>> fetchPage, Func<T, bool>? keep = null)
        {
            var paging = Paging;
            var toSkip = paging?.Skip ?? 0UL;
            var toWrite = paging?.First ?? ulong.MaxValue;
            ulong seen = 0;
            string? nextToken = null;
            var reachedEnd = false;

            while (toWrite > 0)
            {
                // Ask only for what is still wanted, so -First 3 costs one small request.
                // (Unless items are filtered here too: then how many a page must hold is not known.)
                int? pageSize = toWrite == ulong.MaxValue || keep != null ? (int?)null : (int)Math.Min(toSkip + toWrite, int.MaxValue);
                var token = nextToken;
                var page = Run(cancellation => fetchPage(token, pageSize, cancellation));
                foreach (var item in page.Items)
                {
                    if (keep != null && !keep(item)) continue;
                    seen++;
                    if (toSkip > 0)
                    {
                        toSkip--;
                        continue;
                    }

                    if (toWrite == 0) break;
                    WriteObject(item);
                    if (toWrite != ulong.MaxValue) toWrite--;
                }

                foreach (var invalid in page.InvalidItems)
                {
                    WriteError(ErrorRecordFactory.Create(invalid.Error, invalid.Target));
                }

                nextToken = page.NextToken;
                if (nextToken == null)
                {
                    reachedEnd = true;
                    break;
                }

                // Asked for the same page again, the service would answer the same again: stop, as botocore does.
                if (string.Equals(nextToken, token, StringComparison.Ordinal))
                {
                    throw new CodeCatalystInvalidResultException("RepeatedNextToken", page.OperationName, page.RequestId,
                        "it returned the nextToken it was sent, so paging would never end. The items before it were written; " +
                        "try again later");
                }
            }

            if (paging != null && paging.IncludeTotalCount)
            {
                // The service gives no total; it is exact only when every page was read.
                WriteObject(paging.NewTotalCount(seen, reachedEnd ? 1.0 : 0.0));
            }
        }

        /// <summary>
        /// Builds the operations client for this invocation: endpoint and token sources as given, falling back on
        /// the stored defaults. The token itself is resolved only when the first request is sent.
        /// </summary>
        internal CodeCatalystApi CreateApi(Uri? endpointUrl, SecureString? token, string? profileName, SessionDefaults? defaults,
            int? maxAttempts, int? requestTimeoutSec = null)
        {
            try
            {
                return BuildApi(endpointUrl, token, profileName, defaults, maxAttempts, requestTimeoutSec, Diagnostics);
            }
            catch (CodeCatalystConfigurationException exception)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(exception, endpointUrl));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// The operations client for an endpoint and token sources, falling back on the stored defaults; also used
        /// where there is no command (argument completers). Throws when no endpoint can be resolved.
        /// </summary>
        internal static CodeCatalystApi BuildApi(Uri? endpointUrl, SecureString? token, string? profileName, SessionDefaults? defaults,
            int? maxAttempts, int? requestTimeoutSec, IClientDiagnostics diagnostics)
        {
            var endpoint = EndpointResolver.Resolve(endpointUrl, defaults?.Endpoint, Environment.GetEnvironmentVariable);
            var sources = new TokenSources
            {
                ParameterToken = token,
                ParameterProfileName = profileName,
                SessionToken = defaults?.Token,
                SessionProfileName = defaults?.ProfileName,
            };
            var userAgent = ProcessUserAgent.Value;
            var httpClient = HttpClientProvider.CreateClient();
            var attempts = maxAttempts ?? defaults?.MaxAttempts ?? MaxAttemptsFromEnvironment();
            var timeoutSec = requestTimeoutSec ?? defaults?.RequestTimeoutSec;
            var requestTimeout = timeoutSec.HasValue ? TimeSpan.FromSeconds(timeoutSec.Value) : ClientSettings.DefaultRequestTimeout;
            var sso = new SsoProfileTokenSource(httpClient, diagnostics, userAgent, requestTimeout, attempts);
            var settings = new ClientSettings(endpoint,
                cancellation => TokenResolver.ResolveAsync(sources, Environment.GetEnvironmentVariable, sso, cancellation))
            {
                MaxAttempts = attempts,
                RequestTimeout = requestTimeout,
                UserAgent = userAgent,
            };
            return new CodeCatalystApi(new CodeCatalystClient(settings, httpClient, diagnostics));
        }

        // The engine's version cannot change within a process; reading it (Assembly.GetName) costs on every call.
        private static readonly Lazy<string> ProcessUserAgent =
            new Lazy<string>(() => ModuleInfo.UserAgent(typeof(PSObject).Assembly.GetName().Version));

        /// <summary>AWS_MAX_ATTEMPTS, as the AWS SDKs read it; ignored unless it is a sensible number.</summary>
        internal static int MaxAttemptsFromEnvironment()
        {
            var value = Environment.GetEnvironmentVariable("AWS_MAX_ATTEMPTS");
            return int.TryParse(value, out var attempts) && attempts >= 1 && attempts <= 10 ? attempts : RetryPolicy.DefaultMaxAttempts;
        }

        internal void FlushDiagnostics()
        {
            if (_diagnostics == null) return;
            while (_diagnostics.TryDequeue(out var message))
            {
                switch (message.Kind)
                {
                    case DiagnosticKind.Verbose: WriteVerbose(message.Message); break;
                    case DiagnosticKind.Debug: WriteDebug(message.Message); break;
                    case DiagnosticKind.Warning: WriteWarning(message.Message); break;
                }
            }
        }

        /// <summary>
        /// Runs one call and writes its failure as a non-terminating error about <paramref name="target"/>, so the
        /// next piped object is still processed. Returns false when it failed.
        /// </summary>
        internal bool TryRun<T>(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call, object? target, out T result)
        {
            try
            {
                result = Run(call);
                return true;
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, target);
                result = default!;
                return false;
            }
        }

        /// <summary>
        /// A name given without wildcards that a whole client-side filtered listing did not have: ObjectNotFound, as
        /// Get-Item's is, with the name as the target. (A pattern that matches nothing is no error.)
        /// </summary>
        internal void WriteNameNotFound(string name, string errorId, string message, string recommendedAction)
        {
            var error = new ErrorRecord(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, name)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction },
            };
            WriteError(error);
        }

        /// <summary>
        /// True when the change may go ahead: the input passes the model's checks (else its error is written); -WhatIf says what would happen and returns false; a confirmation is
        /// asked as $ConfirmPreference and the cmdlet's impact require, unless -Force was given without -Confirm.
        /// </summary>
        internal bool ShouldChange(CodeCatalyst.Wire.IWireInput input, string target, bool force, object? errorTarget)
        {
            // Bad input is an error even under -WhatIf, before anything is confirmed or sent.
            try
            {
                input.ToRequest();
            }
            catch (CodeCatalystInputException exception)
            {
                WriteFailure(exception, errorTarget);
                return false;
            }

            var whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIfValue)
                ? ((SwitchParameter)whatIfValue).IsPresent
                : SessionState.PSVariable.GetValue("WhatIfPreference") is bool preference && preference
                  || SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter switchPreference && switchPreference.IsPresent;
            if (force && !whatIf && !MyInvocation.BoundParameters.ContainsKey("Confirm"))
            {
                WriteVerbose($"{MyInvocation.MyCommand.Name}: {target} (-Force: not confirmed).");
                return true;
            }

            return ShouldProcess(target);
        }

        /// <summary>
        /// A value of a parameter whose [ValidateSet] holds a model enum, spelled as the set (the model) spells it: the
        /// set lets 'release' through, and the service knows only RELEASE. Null stays null.
        /// </summary>
        internal string? AsModelSpells(string? value, string parameterName)
        {
            if (value == null) return null;
            var property = GetType().GetProperty(parameterName);
            var set = property == null ? null : (ValidateSetAttribute?)Attribute.GetCustomAttribute(property, typeof(ValidateSetAttribute));
            if (set == null) return value;
            foreach (var known in set.ValidValues)
            {
                if (string.Equals(known, value, StringComparison.OrdinalIgnoreCase)) return known;
            }

            return value;
        }

        /// <summary>
        /// A failure on one pipeline item is written as a non-terminating error so the next item still runs;
        /// set-up failures (no token, unusable endpoint) stop the command because no item could succeed.
        /// </summary>
        internal void WriteFailure(Exception exception, object? target)
        {
            var record = ErrorRecordFactory.Create(exception, target);
            if (exception is CodeCatalystConfigurationException) ThrowTerminatingError(record);
            WriteError(record);
        }
    }
}
