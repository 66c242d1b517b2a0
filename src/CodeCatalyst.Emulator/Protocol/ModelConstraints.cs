using System.Text.RegularExpressions;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>A string shape's constraints from the service model.</summary>
internal sealed class StringConstraint(string shapeName, int? minLength, int? maxLength, string? pattern)
{
    // The model's patterns are unanchored; the service applies them to the whole value.
    private readonly Regex? wholeValueRegex = pattern is null
        ? null
        : new Regex($"^(?:{pattern})\\z", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public string ShapeName { get; } = shapeName;
    public int? MinLength { get; } = minLength;
    public int? MaxLength { get; } = maxLength;
    public string? Pattern { get; } = pattern;

    public bool Matches(string value) => wholeValueRegex?.IsMatch(value) ?? true;
}

/// <summary>An integer shape's range from the service model.</summary>
internal sealed record IntegerConstraint(string ShapeName, int Minimum, int Maximum);

/// <summary>
/// Constraint constants copied from the CodeCatalyst model (2022-09-28). The same member can carry different
/// constraints in different operations (spaceName is 3..63 in GetWorkflow but only min 1 in ListWorkflows), so
/// handlers pick the constant that the operation's input shape names.
/// </summary>
internal static class ModelConstraints
{
    private const string NamePattern = @"[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*";

    /// <summary><c>NameString</c>: space and project names where the model bounds them to 3..63.</summary>
    public static readonly StringConstraint NameString = new("NameString", 3, 63, NamePattern);

    /// <summary>The operation-specific name shapes that keep the pattern but only require one character.</summary>
    public static readonly StringConstraint LooseNameString = new("NameString", 1, null, NamePattern);

    public static readonly StringConstraint Uuid = new(
        "Uuid", null, null, "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static readonly StringConstraint NextToken = new("NextTokenString", 1, 2048, null);

    public static readonly StringConstraint ClientToken = new("ClientTokenString", 1, 64, NamePattern);

    public static readonly StringConstraint SourceRepositoryName = new(
        "SourceRepositoryNameString", 1, 100, @"(?!.*[.]git$)[\w\-.]*");

    public static readonly StringConstraint SourceBranchName = new("SourceRepositoryBranchString", 1, 100, null);

    public static readonly IntegerConstraint ListWorkflowsMaxResults = new("ListWorkflowsRequestMaxResultsInteger", 1, 100);

    public static readonly IntegerConstraint ListWorkflowRunsMaxResults = new("ListWorkflowRunsRequestMaxResultsInteger", 1, 50);

    /// <summary>Both <c>WorkflowSortCriteriaList</c> and <c>WorkflowRunSortCriteriaList</c> allow at most one entry.</summary>
    public const int MaxSortCriteria = 1;
}
