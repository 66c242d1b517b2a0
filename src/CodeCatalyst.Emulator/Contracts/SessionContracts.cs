namespace CodeCatalyst.Emulator.Contracts;

internal sealed record VerifySessionResponse(string Identity);
