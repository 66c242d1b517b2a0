using System.Text.RegularExpressions;
using CodeCatalyst.WireGen;

namespace CodeCatalyst.WireGen.Tests;

/// <summary>The operation table covers the model: every operation is mapped to a cmdlet or left out with a reason.</summary>
public sealed class OperationTableTests
{
    private static readonly ServiceSpec Spec = ServiceSpec.FromJson(Repository.Read(WireGeneration.SpecPath));
    private static readonly OperationTable Table = OperationTable.Parse(Repository.Read(WireGeneration.TablePath));

    [Fact]
    public void Every_model_operation_is_mapped_or_left_out_with_a_reason()
    {
        var unaccounted = Spec.Operations.Select(operation => operation.Name)
            .Where(name => Table.Row(name) == null && !Table.LeftOut.ContainsKey(name))
            .ToList();
        Assert.True(unaccounted.Count == 0, "Operations neither in the table nor left out: " + string.Join(", ", unaccounted));
        Assert.Equal(38, Spec.Operations.Count);
    }

    [Fact]
    public void The_table_names_only_model_operations_and_model_members()
    {
        foreach (var row in Table.Rows)
        {
            var operation = Spec.Operation(row.Operation);
            var inputMembers = operation.Input == null ? [] : Spec.Shape(operation.Input).Members!.Select(member => member.Name).ToList();
            foreach (var carried in row.Carries) Assert.Contains(carried, inputMembers);
            foreach (Match placeholder in Regex.Matches(row.Target ?? "", @"\{(\w+)\}"))
            {
                Assert.True(inputMembers.Contains(placeholder.Groups[1].Value), $"{row.Operation}: the target names {placeholder.Value}, not a member of its input");
            }
        }

        foreach (var unmapped in Table.UnmappedMembers)
        {
            var operation = Spec.Operation(unmapped.Operation);
            Assert.Contains(unmapped.Member, Spec.Shape(operation.Input!).Members!.Select(member => member.Name));
            Assert.False(string.IsNullOrWhiteSpace(unmapped.Reason));
        }
    }

    [Fact]
    public void Cmdlet_names_use_the_prefix_and_approved_verbs_and_never_equal_a_CodeCommit_cmdlet()
    {
        // Verbs from Get-Verb that this table may use; AWS.Tools.CodeCommit also uses the CC prefix.
        string[] approved = ["Get", "New", "Update", "Remove", "Start", "Stop", "Wait", "Test", "Invoke", "Connect", "Disconnect"];
        string[] codeCommit =
        [
            "Get-CCRepository", "New-CCRepository", "Remove-CCRepository", "Get-CCBranch", "New-CCBranch", "Remove-CCBranch",
            "Get-CCRepositoryList", "Get-CCBranchList", "Update-CCRepositoryName", "Update-CCRepositoryDescription",
            "Get-CCFile", "Get-CCFolder", "Get-CCCommit", "Get-CCBlob", "Get-CCDifferenceList", "Get-CCPullRequest",
            "New-CCPullRequest", "Get-CCApprovalRuleTemplate", "Get-CCComment", "Remove-CCFile", "Write-CCFile",
        ];
        foreach (var row in Table.Rows)
        {
            var match = Regex.Match(row.Cmdlet, @"^(\w+)-CC(\w+)$");
            Assert.True(match.Success, $"{row.Cmdlet} does not have the form Verb-CCNoun");
            Assert.Contains(match.Groups[1].Value, approved);
            Assert.DoesNotContain(row.Cmdlet, codeCommit);
            Assert.False(match.Groups[2].Value.EndsWith("s", StringComparison.Ordinal) && !match.Groups[2].Value.EndsWith("ss", StringComparison.Ordinal),
                $"{row.Cmdlet}: nouns are singular");
        }
    }

    [Fact]
    public void No_public_output_type_holds_a_secret()
    {
        // The generator refuses to make one; this shows the refusal is in force for the checked-in table.
        var error = Assert.Throws<InvalidDataException>(() => WireGeneration.Generate(Repository.Read(WireGeneration.SpecPath),
            Repository.Read(WireGeneration.TablePath).Replace(
                "CreateAccessToken              New-CCAccessToken                  -  ",
                "CreateAccessToken              New-CCAccessToken                  NewToken")));
        Assert.Contains("secret", error.Message, StringComparison.Ordinal);
    }
}
