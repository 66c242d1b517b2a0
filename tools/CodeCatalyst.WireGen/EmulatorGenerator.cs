namespace CodeCatalyst.WireGen;

/// <summary>Generates the emulator's contracts from the same spec (filled in below).</summary>
internal sealed class EmulatorGenerator(ShapeGraph graph)
{
    public IReadOnlyDictionary<string, string> Generate() => new Dictionary<string, string>();

    private ShapeGraph Graph => graph;
}
