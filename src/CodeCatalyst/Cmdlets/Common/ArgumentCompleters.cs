using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core;
using CodeCatalyst.Core.Http;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>One value a completer offers: what is inserted, what the menu shows, and what the typed word may match.</summary>
    internal sealed class CompletionCandidate
    {
        public CompletionCandidate(string value, string? label = null)
        {
            Value = value;
            Label = label ?? value;
        }

        public string Value { get; }
        public string Label { get; }
    }

    /// <summary>
    /// Base of the live completers: they ask the service (with the Connect-CCAccount defaults and the -SpaceName or
    /// -ProjectName already typed), wait at most two seconds, keep the answer for half a minute, and offer nothing
    /// when anything goes wrong. Tab completion must never print an error or make the prompt hang.
    /// </summary>
    internal abstract class LiveArgumentCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
        private const int MaximumCandidates = 200;
        private static readonly ConcurrentDictionary<string, CachedCandidates> Cache = new ConcurrentDictionary<string, CachedCandidates>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var defaults = SessionDefaultsStore.GetFromCurrentRunspace();
                var scope = new CompletionScope(
                    Typed(fakeBoundParameters, "SpaceName") ?? defaults?.SpaceName,
                    Typed(fakeBoundParameters, "ProjectName") ?? defaults?.ProjectName);
                if (!IsAnswerable(scope)) return Array.Empty<CompletionResult>();
                var endpointText = Typed(fakeBoundParameters, "EndpointUrl");
                var endpoint = endpointText != null && Uri.TryCreate(endpointText, UriKind.Absolute, out var parsed) ? parsed : null;
                var api = CodeCatalystCmdlet.BuildApi(endpoint, null, null, defaults, maxAttempts: 1, requestTimeoutSec: 2, SilentDiagnostics.Instance);

                // The defaults object stands for the connection (a new Connect-CCAccount makes a new one); no token text.
                var key = string.Join("|", GetType().Name, api.Client.Endpoint, defaults == null ? 0 : defaults.GetHashCode(), scope.SpaceName, scope.ProjectName);
                var candidates = Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Taken < CacheLifetime
                    ? cached.Candidates
                    : Fetch(api, scope, key);

                var word = (wordToComplete ?? "").Trim('\'', '"');
                return candidates
                    .Where(candidate => candidate.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                                        || candidate.Label.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    .Select(candidate => new CompletionResult(Quoted(candidate.Value), candidate.Label, CompletionResultType.ParameterValue,
                        candidate.Label == candidate.Value ? candidate.Value : candidate.Label + " (" + candidate.Value + ")"))
                    .ToList();
            }
            catch (Exception exception)
            {
                LastFailure = exception;
                // Anything at all (no endpoint, no token, a refused connection, a bad answer): offer nothing.
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>Why the last completion offered nothing, for a person debugging it (never shown).</summary>
        internal static Exception? LastFailure { get; private set; }

        /// <summary>Whether the scope holds what the listing needs (a space, and for some a project).</summary>
        protected abstract bool IsAnswerable(CompletionScope scope);

        /// <summary>Lists the candidates; it is cancelled when the completion's time is up.</summary>
        protected abstract Task<IReadOnlyList<CompletionCandidate>> ListAsync(CodeCatalystApi api, CompletionScope scope, CancellationToken cancellationToken);

        /// <summary>Reads up to <see cref="MaximumCandidates"/> items of a listing, page by page.</summary>
        protected static async Task<IReadOnlyList<CompletionCandidate>> ListPagesAsync<T>(
            Func<string?, CancellationToken, Task<Page<T>>> fetchPage, Func<T, CompletionCandidate> toCandidate, CancellationToken cancellationToken)
        {
            var candidates = new List<CompletionCandidate>();
            string? nextToken = null;
            do
            {
                var page = await fetchPage(nextToken, cancellationToken).ConfigureAwait(false);
                candidates.AddRange(page.Items.Select(toCandidate));
                if (page.NextToken == nextToken) break;
                nextToken = page.NextToken;
            }
            while (nextToken != null && candidates.Count < MaximumCandidates);

            return candidates;
        }

        private IReadOnlyList<CompletionCandidate> Fetch(CodeCatalystApi api, CompletionScope scope, string key)
        {
            using (var deadline = new CancellationTokenSource(Budget))
            {
                // On the pool, so the wait below is bounded even if the work blocks before its first await.
                var work = Task.Run(() => ListAsync(api, scope, deadline.Token), deadline.Token);
                if (!work.Wait(Budget)) return Array.Empty<CompletionCandidate>();
                var candidates = work.Result;
                Cache[key] = new CachedCandidates(DateTime.UtcNow, candidates);
                return candidates;
            }
        }

        private static string? Typed(IDictionary? fakeBoundParameters, string name) =>
            fakeBoundParameters != null && fakeBoundParameters.Contains(name) && fakeBoundParameters[name] is object value
                ? (value is PSObject wrapped ? wrapped.BaseObject : value).ToString()
                : null;

        private static string Quoted(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '#', '@' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;

        private sealed class CachedCandidates
        {
            public CachedCandidates(DateTime taken, IReadOnlyList<CompletionCandidate> candidates)
            {
                Taken = taken;
                Candidates = candidates;
            }

            public DateTime Taken { get; }
            public IReadOnlyList<CompletionCandidate> Candidates { get; }
        }
    }

    /// <summary>The space and project a completion lists in.</summary>
    internal sealed class CompletionScope
    {
        public CompletionScope(string? spaceName, string? projectName)
        {
            SpaceName = spaceName;
            ProjectName = projectName;
        }

        public string? SpaceName { get; }
        public string? ProjectName { get; }
    }

    /// <summary>Completions write nothing to any stream.</summary>
    internal sealed class SilentDiagnostics : IClientDiagnostics
    {
        public static readonly SilentDiagnostics Instance = new SilentDiagnostics();

        public bool IsDebugEnabled => false;
        public bool IsVerboseEnabled => false;
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
    }

    /// <summary>Completes space names (ListSpaces).</summary>
    internal sealed class SpaceNameCompleter : LiveArgumentCompleter
    {
        protected override bool IsAnswerable(CompletionScope scope) => true;

        protected override Task<IReadOnlyList<CompletionCandidate>> ListAsync(CodeCatalystApi api, CompletionScope scope, CancellationToken cancellationToken) =>
            ListPagesAsync((next, token) => api.ListSpacesAsync(new ListSpacesInput { NextToken = next }, token),
                space => new CompletionCandidate(space.Name), cancellationToken);
    }

    /// <summary>Completes project names of the space typed or connected (ListProjects).</summary>
    internal sealed class ProjectNameCompleter : LiveArgumentCompleter
    {
        protected override bool IsAnswerable(CompletionScope scope) => !string.IsNullOrEmpty(scope.SpaceName);

        protected override Task<IReadOnlyList<CompletionCandidate>> ListAsync(CodeCatalystApi api, CompletionScope scope, CancellationToken cancellationToken) =>
            ListPagesAsync((next, token) => api.ListProjectsAsync(new ListProjectsInput { SpaceName = scope.SpaceName, NextToken = next }, token),
                project => new CompletionCandidate(project.Name), cancellationToken);
    }

    /// <summary>Completes workflow ids by workflow name: typing "bu" offers the build workflow's id (ListWorkflows).</summary>
    internal sealed class WorkflowIdCompleter : LiveArgumentCompleter
    {
        protected override bool IsAnswerable(CompletionScope scope) => !string.IsNullOrEmpty(scope.SpaceName) && !string.IsNullOrEmpty(scope.ProjectName);

        protected override Task<IReadOnlyList<CompletionCandidate>> ListAsync(CodeCatalystApi api, CompletionScope scope, CancellationToken cancellationToken) =>
            ListPagesAsync((next, token) => api.ListWorkflowsAsync(new ListWorkflowsInput { SpaceName = scope.SpaceName, ProjectName = scope.ProjectName, NextToken = next }, token),
                workflow => new CompletionCandidate(workflow.Id, workflow.Name), cancellationToken);
    }

    /// <summary>Completes source repository names of the project typed or connected (ListSourceRepositories).</summary>
    internal sealed class SourceRepositoryNameCompleter : LiveArgumentCompleter
    {
        protected override bool IsAnswerable(CompletionScope scope) => !string.IsNullOrEmpty(scope.SpaceName) && !string.IsNullOrEmpty(scope.ProjectName);

        protected override Task<IReadOnlyList<CompletionCandidate>> ListAsync(CodeCatalystApi api, CompletionScope scope, CancellationToken cancellationToken) =>
            ListPagesAsync((next, token) => api.ListSourceRepositoriesAsync(new ListSourceRepositoriesInput { SpaceName = scope.SpaceName, ProjectName = scope.ProjectName, NextToken = next }, token),
                repository => new CompletionCandidate(repository.Name), cancellationToken);
    }

    /// <summary>Completes dev environment ids by alias (ListDevEnvironments, in the project when one is known).</summary>
    internal sealed class DevEnvironmentIdCompleter : LiveArgumentCompleter
    {
        protected override bool IsAnswerable(CompletionScope scope) => !string.IsNullOrEmpty(scope.SpaceName);

        protected override Task<IReadOnlyList<CompletionCandidate>> ListAsync(CodeCatalystApi api, CompletionScope scope, CancellationToken cancellationToken) =>
            ListPagesAsync((next, token) => api.ListDevEnvironmentsAsync(new ListDevEnvironmentsInput { SpaceName = scope.SpaceName, ProjectName = scope.ProjectName, NextToken = next }, token),
                environment => new CompletionCandidate(environment.Id, string.IsNullOrEmpty(environment.Alias) ? environment.Id : environment.Alias), cancellationToken);
    }
}
