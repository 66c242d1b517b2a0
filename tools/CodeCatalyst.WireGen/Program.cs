namespace CodeCatalyst.WireGen;

public static class Program
{
    private const string Usage =
        "usage: CodeCatalyst.WireGen [--root <repo>] [--model <botocore model folder>] [--check]\n" +
        "  For each service (CodeCatalyst, Amplify): distils the botocore model into its spec (e.g.\n" +
        "  src/CodeCatalyst/Wire/codecatalyst.spec.json), then generates the wire layer of the module and the emulator\n" +
        "  from that spec and its operation table (e.g. src/CodeCatalyst/Wire/operations.txt).\n" +
        "  --model     a botocore model folder (.../data/<service>/<version>) to use for that service instead of the one\n" +
        "              python3 imports; where there is none, the checked-in spec is used as it is.\n" +
        "  --check     writes nothing; exits 1 when any file would change.\n" +
        "  Exit codes: 0 done (or up to date), 1 files differ (--check), 2 bad arguments or input.";

    public static int Main(string[] args)
    {
        var root = Directory.GetCurrentDirectory();
        string? model = null;
        var check = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--root" when i + 1 < args.Length: root = args[++i]; break;
                case "--model" when i + 1 < args.Length: model = args[++i]; break;
                case "--check": check = true; break;
                case "-h" or "--help" or "-?": Console.WriteLine(Usage); return 0;
                default:
                    Console.Error.WriteLine($"CodeCatalyst.WireGen: unexpected argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }

        try
        {
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var target in ServiceTarget.All)
            {
                // --model names one folder; it is for the service whose botocore folder name it ends in.
                var folder = model != null && Path.GetFullPath(model).Contains(Path.DirectorySeparatorChar + target.BotocoreService + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    ? model
                    : WireGeneration.FindBotocoreModelFolder(target.BotocoreService, target.ApiVersion);
                string spec;
                if (folder != null)
                {
                    spec = WireGeneration.DistillFrom(folder);
                    files[target.SpecPath] = spec;
                }
                else
                {
                    Console.Error.WriteLine($"CodeCatalyst.WireGen: botocore's {target.BotocoreService} model was not found (python3 -c 'import botocore'); using the checked-in spec.");
                    spec = File.ReadAllText(Path.Combine(root, target.SpecPath));
                }

                var table = File.ReadAllText(Path.Combine(root, target.TablePath));
                foreach (var (path, content) in WireGeneration.Generate(spec, table, target)) files[path] = content;
            }

            var changed = 0;
            foreach (var (path, content) in files)
            {
                var fullPath = Path.Combine(root, path);
                var current = File.Exists(fullPath) ? File.ReadAllText(fullPath) : null;
                if (current == content) continue;
                changed++;
                Console.WriteLine((check ? "would change: " : "wrote: ") + path);
                if (!check)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
                    File.WriteAllText(fullPath, content);
                }
            }

            if (changed == 0) Console.WriteLine("CodeCatalyst.WireGen: up to date.");
            return check && changed > 0 ? 1 : 0;
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or IOException)
        {
            Console.Error.WriteLine($"CodeCatalyst.WireGen: {exception.Message}");
            return 2;
        }
    }
}
