using System.Text.RegularExpressions;
using CodeCatalyst.WireGen;

namespace CodeCatalyst.WireGen.Tests;

/// <summary>
/// Several answers merge into one public output type (GetSourceRepository's answer and ListSourceRepositories' item
/// into SourceRepository). A property that cannot be null must be in every object each of those operations writes;
/// otherwise one of them would show an empty string or the year 0001 where the service sent nothing.
/// </summary>
public sealed class MergedOutputTypeTests
{
    private static readonly ServiceSpec Spec = ServiceSpec.FromJson(Repository.Read(WireGeneration.SpecPath));
    private static readonly OperationTable Table = OperationTable.Parse(Repository.Read(WireGeneration.TablePath));
    private static readonly string Models = WireGeneration.Generate(Repository.Read(WireGeneration.SpecPath), Repository.Read(WireGeneration.TablePath))
        ["src/CodeCatalyst/Wire/Generated/Models.g.cs"];

    [Fact]
    public void A_property_that_cannot_be_null_is_in_everything_each_merged_operation_writes()
    {
        var wrong = new List<string>();
        foreach (var group in Table.Rows.Where(row => row.OutputType != null).GroupBy(row => row.OutputType!))
        {
            foreach (var member in NonNullableMembers(group.Key))
            {
                foreach (var row in group)
                {
                    var shape = Spec.Shape(ObjectShapeOf(Spec.Operation(row.Operation)));
                    if (!row.Carries.Contains(member) && !shape.IsRequired(member))
                    {
                        wrong.Add($"{group.Key}.{member} (absent or optional in what {row.Operation} writes)");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, "Non-nullable properties that some operation may leave out: " + string.Join(", ", wrong));
    }

    [Fact]
    public void A_source_repository_shows_as_its_name_which_every_repository_operation_answers_with()
    {
        var repository = ClassText("SourceRepository");
        Assert.Contains("public override string ToString() => Name ?? \"\";", repository);
        Assert.Contains("public string? Id { get; set; }", repository);
        Assert.Contains("public DateTime? CreatedTime { get; set; }", repository);
    }

    /// <summary>The wire names of the properties declared as a non-nullable string or DateTime.</summary>
    private static IEnumerable<string> NonNullableMembers(string className) =>
        Regex.Matches(ClassText(className), @"public (?:string|DateTime) (\w+) \{ get; set; \}")
            .Select(match => char.ToLowerInvariant(match.Groups[1].Value[0]) + match.Groups[1].Value.Substring(1));

    private static string ClassText(string className)
    {
        var match = Regex.Match(Models, @"public sealed partial class " + className + @"\n    \{\n(.*?)\n    \}", RegexOptions.Singleline);
        Assert.True(match.Success, $"{className} is not in Models.g.cs");
        return match.Groups[1].Value;
    }

    /// <summary>The structure a cmdlet writes: the listed item of a paginated operation, else the whole answer.</summary>
    private static string ObjectShapeOf(OperationSpec operation)
    {
        if (operation.Paginator == null) return operation.Output!;
        var items = Spec.Shape(operation.Output!).Members!.Single(member => member.Name == operation.Paginator.ResultKey);
        return Spec.Shape(items.Shape).Member!;
    }
}
