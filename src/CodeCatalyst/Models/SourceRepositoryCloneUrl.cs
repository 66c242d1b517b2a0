namespace CodeCatalyst.Models
{
    /// <summary>
    /// The generated clone URL type (Wire/Generated/Models.g.cs) has no id or name to show as, so it shows as the URL:
    /// <c>git clone (Get-CCSourceRepositoryCloneUrl MyDemoRepo)</c> passes the URL to git.
    /// </summary>
    public sealed partial class SourceRepositoryCloneUrl
    {
        public override string ToString() => Https;
    }
}
