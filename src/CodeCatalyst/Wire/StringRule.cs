using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using CodeCatalyst.Core;

namespace CodeCatalyst.Wire
{
    /// <summary>
    /// A string shape's length and pattern from the service model (the generated WireRules hold one per shape),
    /// checked before a request is built so that bad input never reaches the wire.
    /// </summary>
    internal sealed class StringRule
    {
        // The model's NameString pattern; the model anchors nothing, the service matches whole values.
        internal const string NamePattern = @"[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*";

        /// <summary>The same pattern anchored, for [ValidatePattern] on parameters that are checked at binding.</summary>
        /// <remarks>Anchored with \z, not $: in .NET, $ also matches before a final newline, so "ExampleCorp\n" would pass.</remarks>
        internal const string AnchoredNamePattern = "^(?:" + NamePattern + @")\z";

        /// <summary>Required strings the model does not constrain further: only present and non-empty.</summary>
        public static readonly StringRule Any = new StringRule("String", 1, int.MaxValue, null);

        // The model's patterns in words, for messages a person acts on.
        private static readonly Dictionary<string, string> PatternHints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NamePattern] = "letters and digits, optionally joined by single '-', '_' or '.'",
            ["[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"] = "a UUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        };

        private readonly Regex? _pattern;
        private readonly bool _allowsEmpty;

        public StringRule(string shapeName, long minLength, long maxLength, string? pattern)
        {
            ShapeName = shapeName;
            MinLength = (int)Math.Max(minLength, 0);
            MaxLength = (int)Math.Min(maxLength, int.MaxValue);
            Pattern = pattern;
            // Anchored with \z: the service matches the whole value, and $ would let a trailing newline through.
            _pattern = pattern == null ? null : new Regex("^(?:" + pattern + @")\z", RegexOptions.CultureInvariant);
            // Few shapes take an empty string as a value of its own (UpdateDevEnvironment's alias: "" removes it);
            // for all others an empty string is as good as missing.
            _allowsEmpty = MinLength == 0 && (_pattern == null || _pattern.IsMatch(""));
        }

        public string ShapeName { get; }
        public int MinLength { get; }
        public int MaxLength { get; }
        public string? Pattern { get; }

        /// <summary>Throws an error naming the parameter and the rule unless the value is present and fits.</summary>
        public string Check(string parameterName, string? value, bool optional = false)
        {
            // An optional member given as '' is checked like any value (the model decides if it may be empty);
            // a required one that is missing or empty gets the advice of where to give it.
            if (value == null || (value.Length == 0 && !optional && !_allowsEmpty))
            {
                throw new CodeCatalystInputException(parameterName,
                    $"-{parameterName} is required: give it as a parameter or on the pipeline" +
                    (parameterName == "SpaceName" || parameterName == "ProjectName" ? ", or set a default with Connect-CCAccount." : "."));
            }

            if (value.Length < MinLength || value.Length > MaxLength)
            {
                var range = MaxLength == int.MaxValue ? $"at least {MinLength}" : $"{MinLength} to {MaxLength}";
                throw new CodeCatalystInputException(parameterName,
                    $"-{parameterName} '{WireCheck.Printable(value)}' is {value.Length} characters long; it must be {range} characters.");
            }

            if (_pattern != null && !_pattern.IsMatch(value))
            {
                var hint = PatternHints.TryGetValue(Pattern!, out var words) ? "use " + words + " (pattern " + Pattern + ")" : "it must match the pattern " + Pattern;
                throw new CodeCatalystInputException(parameterName,
                    $"-{parameterName} '{WireCheck.Printable(value)}' is not valid: {hint}.");
            }

            return value;
        }
    }

    /// <summary>An integer shape's range from the service model.</summary>
    internal sealed class NumberRule
    {
        public NumberRule(long minimum, long maximum)
        {
            Minimum = minimum;
            Maximum = maximum;
        }

        public long Minimum { get; }
        public long Maximum { get; }

        public void Check(string parameterName, long value)
        {
            if (value >= Minimum && value <= Maximum) return;
            var range = Maximum == long.MaxValue ? $"at least {Minimum}" : Minimum == long.MinValue ? $"at most {Maximum}" : $"from {Minimum} to {Maximum}";
            throw new CodeCatalystInputException(parameterName, $"-{parameterName} {value} is out of range: it must be {range}.");
        }
    }

    /// <summary>Checks the generated inputs share.</summary>
    internal static class WireCheck
    {
        public static void Required(string parameterName, object? value)
        {
            if (value == null) throw new CodeCatalystInputException(parameterName, $"-{parameterName} is required.");
        }

        public static void Count(string parameterName, int count, long minimum, long maximum)
        {
            if (count < minimum)
            {
                throw new CodeCatalystInputException(parameterName, $"-{parameterName} needs at least {minimum} value(s); {count} given.");
            }

            if (count > maximum)
            {
                throw new CodeCatalystInputException(parameterName, $"-{parameterName} takes at most {maximum} value(s); {count} given.");
            }
        }

        /// <summary>The value as a message can show it: a line break or other control character is written as \n or
        /// \u00XX, so the user sees why a name that looks right was refused.</summary>
        public static string Printable(string value)
        {
            var builder = new System.Text.StringBuilder(value.Length);
            foreach (var character in value)
            {
                switch (character)
                {
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (char.IsControl(character)) builder.Append("\\u").Append(((int)character).ToString("x4"));
                        else builder.Append(character);
                        break;
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>How values travel as text.</summary>
    internal static class WireFormat
    {
        private static readonly System.Net.Http.HttpMethod Patch = new System.Net.Http.HttpMethod("PATCH");

        /// <summary>
        /// A time as UTC. A DateTime of unspecified kind (<c>[datetime]'2026-12-01 09:00'</c>) is a local clock reading,
        /// as everywhere in PowerShell.
        /// </summary>
        public static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

        /// <summary>The model's iso8601 timestamps: UTC with milliseconds and a Z.</summary>
        public static string Timestamp(DateTime value) =>
            ToUtc(value)
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A timestamp as the rest-json protocol sends it by default in a body: seconds since 1970 (UTC), with milliseconds.</summary>
        public static double EpochSeconds(DateTime value) =>
            Math.Round((ToUtc(value) - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds, 3);

        public static System.Net.Http.HttpMethod Method(string name) =>
            name == "PATCH" ? Patch : new System.Net.Http.HttpMethod(name);
    }

    /// <summary>A generated operation input: checked against the model and turned into a request.</summary>
    internal interface IWireInput
    {
        /// <summary>Throws <see cref="CodeCatalystInputException"/> for the first member the model would refuse.</summary>
        Core.Http.ServiceRequest ToRequest();
    }

    /// <summary>One operation's facts from the model that paging and retries use.</summary>
    internal sealed class OperationInfo
    {
        public OperationInfo(string name, string method, string uri, int successCode, bool idempotent, bool paginated, int? maxResultsLimit,
            bool nextTokenInQuery = false, string? idempotencyTokenMember = null, bool changesState = false)
        {
            ChangesState = changesState;
            NextTokenInQuery = nextTokenInQuery;
            IdempotencyTokenMember = idempotencyTokenMember;
            Name = name;
            Method = method;
            Uri = uri;
            SuccessCode = successCode;
            Idempotent = idempotent;
            Paginated = paginated;
            MaxResultsLimit = maxResultsLimit;
        }

        public string Name { get; }
        public string Method { get; }
        public string Uri { get; }
        public int SuccessCode { get; }
        public bool Idempotent { get; }
        public bool Paginated { get; }

        /// <summary>For a paginated operation: whether it takes nextToken in the query string (else in the JSON body).</summary>
        public bool NextTokenInQuery { get; }

        /// <summary>The body member that carries a client idempotency token (botocore fills it when absent), or null.</summary>
        public string? IdempotencyTokenMember { get; }

        /// <summary>Whether the operation changes something (the operation table gives it a -WhatIf target).</summary>
        public bool ChangesState { get; }

        /// <summary>
        /// True for an operation that changes something but that the model marks neither idempotent nor with an
        /// idempotency token (CreateAccessToken, StartDevEnvironmentSession): a second attempt after the first one
        /// may have reached the service could do it twice (a second token, a second session), so the HTTP core
        /// sends it again only when the first attempt surely did not act: the connection was never made, or the
        /// service answered that it throttled the request.
        /// </summary>
        public bool SentAtMostOnce => ChangesState && !Idempotent && IdempotencyTokenMember == null;

        /// <summary>The largest page the model allows, when the operation takes a page size.</summary>
        public int? MaxResultsLimit { get; }

        /// <summary>A requested page size brought into the model's range (a larger page is not an error, just capped).</summary>
        public int? ClampPageSize(int? requested)
        {
            if (!requested.HasValue || !MaxResultsLimit.HasValue) return null;
            return requested.Value < 1 ? 1 : requested.Value > MaxResultsLimit.Value ? MaxResultsLimit.Value : requested.Value;
        }
    }

    /// <summary>
    /// The generated operation facts by operation name, of every service the module calls: a request names only its
    /// operation, and the retry rule (<see cref="OperationInfo.SentAtMostOnce"/>) must hold for Amplify's StartJob as
    /// for CodeCatalyst's CreateAccessToken. The services' operation names are disjoint (a test holds them to it);
    /// were one ever in both, the stricter facts would count, so nothing is retried that either forbids.
    /// </summary>
    internal static class OperationLookup
    {
        /// <summary>Each service's generated operations; one more service adds its array here.</summary>
        internal static readonly OperationInfo[][] Services = { WireOperations.All, CodeCatalyst.Amplify.Wire.WireOperations.All };

        private static readonly Lazy<Dictionary<string, OperationInfo>> ByName =
            new Lazy<Dictionary<string, OperationInfo>>(() =>
            {
                var byName = new Dictionary<string, OperationInfo>(StringComparer.Ordinal);
                foreach (var service in Services)
                {
                    foreach (var operation in service)
                    {
                        if (byName.TryGetValue(operation.Name, out var known) && known.SentAtMostOnce) continue;
                        byName[operation.Name] = operation;
                    }
                }

                return byName;
            });

        /// <summary>The facts of the model's operation of that name, or null (a request Invoke-CCRestMethod sends to a route the model does not have).</summary>
        public static OperationInfo? For(string operationName) =>
            ByName.Value.TryGetValue(operationName, out var operation) ? operation : null;
    }
}
