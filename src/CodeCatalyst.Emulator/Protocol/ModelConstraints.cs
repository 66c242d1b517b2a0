using System.Text.RegularExpressions;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>A string shape's constraints from the service model; <paramref name="allowedValues"/> is its enum, if any.</summary>
internal sealed class StringConstraint(
    string shapeName, int? minLength, int? maxLength, string? pattern, IReadOnlyList<string>? allowedValues = null)
{
    // The model's patterns are unanchored; the service applies them to the whole value.
    private readonly Regex? wholeValueRegex = pattern is null
        ? null
        : new Regex($"^(?:{pattern})\\z", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public string ShapeName { get; } = shapeName;
    public int? MinLength { get; } = minLength;
    public int? MaxLength { get; } = maxLength;
    public string? Pattern { get; } = pattern;

    /// <summary>The only values the model allows (compared with case), or null when any value of the right form is.</summary>
    public IReadOnlyList<string>? AllowedValues { get; } = allowedValues;

    public bool Matches(string value) => wholeValueRegex?.IsMatch(value) ?? true;
}

/// <summary>An integer shape's range from the service model.</summary>
internal sealed record IntegerConstraint(string ShapeName, long Minimum, long Maximum);

/// <summary>
/// The constraints the data set loader checks names with, taken from the generated wire rules (the model's own
/// shapes), so there is no hand-made copy of them to drift.
/// </summary>
internal static class ModelConstraints
{
    public static StringConstraint NameString => Wire.WireRules.NameString;

    public static StringConstraint Uuid => Wire.WireRules.Uuid;

    public static StringConstraint SourceRepositoryName => Wire.WireRules.SourceRepositoryNameString;

    public static StringConstraint SourceBranchName => Wire.WireRules.SourceRepositoryBranchString;
}
