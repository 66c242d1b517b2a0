using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CodeCatalyst.Core
{
    internal static class ModuleInfo
    {
        public static readonly string Version =
            typeof(ModuleInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ModuleInfo).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";

        /// <summary>Names the module, its version and the PowerShell and OS it runs on, like the AWS tools do.</summary>
        public static string UserAgent(Version? powerShellVersion) =>
            $"CodeCatalyst-PowerShell/{Version} PowerShell/{powerShellVersion?.ToString() ?? "unknown"} " +
            $"({RuntimeInformation.OSDescription.Trim()}; {RuntimeInformation.FrameworkDescription.Trim()})";
    }
}
