namespace CodeCatalyst.Models
{
    // What the generated workflow types (Wire/Generated/Models.g.cs) do not know by themselves.

    public sealed partial class WorkflowDefinition
    {
        public override string ToString() => Path;
    }
}
