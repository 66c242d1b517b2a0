using System;
using System.Text.RegularExpressions;

namespace CodeCatalyst.Core
{
    /// <summary>
    /// A length and pattern constraint copied from the service model, checked before a request is built so that
    /// bad input never reaches the wire.
    /// </summary>
    internal sealed class InputConstraint
    {
        // The model's NameString pattern; the model anchors nothing, the service matches whole values.
        internal const string NamePattern = @"[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*";

        /// <summary>The same pattern anchored, for [ValidatePattern] on parameters that are checked at binding.</summary>
        /// <remarks>Anchored with \z, not $: in .NET, $ also matches before a final newline, so "ExampleCorp\n" would pass.</remarks>
        internal const string AnchoredNamePattern = "^(?:" + NamePattern + @")\z";

        private const string NameHint = "letters and digits, optionally joined by single '-', '_' or '.'";

        // The model is not uniform: the same member is a 3-63 NameString in one operation and merely non-empty in
        // another. Each operation uses exactly the constraint its model member has.
        public static readonly InputConstraint Name = new InputConstraint("name", 3, 63, NamePattern, NameHint);
        public static readonly InputConstraint NonEmptyName = new InputConstraint("name", 1, int.MaxValue, NamePattern, NameHint);
        public static readonly InputConstraint Uuid = new InputConstraint("id", 36, 36,
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "a UUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        public static readonly InputConstraint ClientToken = new InputConstraint("client token", 1, 64, NamePattern, NameHint);

        private readonly Regex? _pattern;

        private InputConstraint(string description, int minLength, int maxLength, string? pattern, string hint)
        {
            Hint = hint;
            Description = description;
            MinLength = minLength;
            MaxLength = maxLength;
            Pattern = pattern;
            _pattern = pattern == null ? null : new Regex("^(?:" + pattern + @")\z", RegexOptions.CultureInvariant);
        }

        public string Description { get; }
        public int MinLength { get; }
        public int MaxLength { get; }
        public string? Pattern { get; }

        /// <summary>The pattern in words, for error messages.</summary>
        public string Hint { get; }

        /// <summary>Returns the value when it fits; otherwise throws an error naming the parameter and the rule.</summary>
        public string Check(string parameterName, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new CodeCatalystInputException(parameterName,
                    $"-{parameterName} is required: give it as a parameter or on the pipeline" +
                    (parameterName.EndsWith("Name", StringComparison.Ordinal) ? ", or set a default with Connect-CCAccount." : "."));
            }

            if (value!.Length < MinLength || value.Length > MaxLength)
            {
                throw new CodeCatalystInputException(parameterName,
                    $"-{parameterName} '{Printable(value)}' is {value.Length} characters long; it must be {MinLength} to {MaxLength} characters.");
            }

            if (_pattern != null && !_pattern.IsMatch(value))
            {
                throw new CodeCatalystInputException(parameterName,
                    $"-{parameterName} '{Printable(value)}' is not a valid {Description}: use {Hint} (pattern {Pattern}).");
            }

            return value;
        }

        /// <summary>The value as a message can show it: a line break or other control character is written as \n or
        /// \u00XX, so the user sees why a name that looks right was refused.</summary>
        private static string Printable(string value)
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
}
