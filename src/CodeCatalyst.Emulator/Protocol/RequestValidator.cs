using System.Globalization;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>Checks request members against the model's constraints (Wire/Generated) and fails with a ValidationException.</summary>
internal static class RequestValidator
{
    public static string Required(string? value, string memberName, StringConstraint constraint)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw ApiException.Validation($"The member '{memberName}' is required.");
        }

        Check(value, memberName, constraint);
        return value;
    }

    public static string? Optional(string? value, string memberName, StringConstraint constraint)
    {
        if (value is null)
        {
            return null;
        }

        Check(value, memberName, constraint);
        return value;
    }

    /// <summary>Parses an optional integer query parameter (querystrings carry numbers as text).</summary>
    public static int? OptionalInteger(string? rawValue, string memberName, IntegerConstraint constraint)
    {
        if (rawValue is null)
        {
            return null;
        }

        if (!int.TryParse(rawValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < constraint.Minimum
            || value > constraint.Maximum)
        {
            throw ApiException.Validation(
                $"The value '{rawValue}' of '{memberName}' is not valid: it must be an integer from {constraint.Minimum} to {constraint.Maximum}.");
        }

        return value;
    }

    /// <summary>Checks an integer member that arrived as a number (body) or was already parsed (query).</summary>
    public static void Range(long value, string memberName, IntegerConstraint constraint)
    {
        if (value < constraint.Minimum || value > constraint.Maximum)
        {
            throw ApiException.Validation(
                $"The value '{value.ToString(CultureInfo.InvariantCulture)}' of '{memberName}' is not valid: it must be an integer from {constraint.Minimum} to {constraint.Maximum}.");
        }
    }

    private static void Check(string value, string memberName, StringConstraint constraint)
    {
        if (constraint.MinLength is { } minimum && value.Length < minimum)
        {
            throw ApiException.Validation(
                $"The value '{value}' of '{memberName}' is too short: it must have at least {minimum} characters.");
        }

        if (constraint.MaxLength is { } maximum && value.Length > maximum)
        {
            throw ApiException.Validation(
                $"The value of '{memberName}' is too long: it may have at most {maximum} characters.");
        }

        if (constraint.AllowedValues is { } allowed && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw ApiException.Validation(
                $"The value '{value}' of '{memberName}' is not valid: use one of {string.Join(", ", allowed)}.");
        }

        if (!constraint.Matches(value))
        {
            throw ApiException.Validation(
                $"The value '{value}' of '{memberName}' does not match the pattern {constraint.Pattern}.");
        }
    }
}
