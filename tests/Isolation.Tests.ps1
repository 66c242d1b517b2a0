#Requires -Version 7.4
<#
    Another module that ships its own, different System.Text.Json and Microsoft.Extensions.DependencyInjection
    (tests/fixtures/ConflictingDependencies, built here with a newer and an older version than ours) and CodeCatalyst
    share one PowerShell process, in either order, and both keep working: each gets the copies it shipped.
    Every case runs in a fresh pwsh, since assemblies never unload. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Isolation.Tests.ps1
#>

BeforeDiscovery {
    $script:Cases = foreach ($variant in 'newer', 'older') {
        foreach ($order in 'theirs first', 'ours first') { @{ Variant = $variant; Order = $order } }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment

    # Ours pins 8.x (Directory.Packages.props); the fixture takes one version above and one below.
    $script:Variants = @{
        newer = @{ DependencyInjection = '10.0.0'; TextJson = '10.0.0'; NewerApi = 'true' }
        older = @{ DependencyInjection = '6.0.0'; TextJson = '6.0.0'; NewerApi = 'false' }
    }
    $fixtureProject = Join-Path $PSScriptRoot 'fixtures/ConflictingDependencies/ConflictingDependencies.csproj'
    $script:FixtureModules = @{}
    foreach ($name in $Variants.Keys) {
        $variant = $Variants[$name]
        $folder = Join-Path $RepoRoot "out/fixtures/ConflictingDependencies/$name"
        $output = & dotnet build $fixtureProject -c Release -nologo -v q `
            "-p:DependencyInjectionVersion=$($variant.DependencyInjection)" "-p:TextJsonVersion=$($variant.TextJson)" `
            "-p:UseNewerApi=$($variant.NewerApi)" "-p:BaseIntermediateOutputPath=$folder/obj/" -o "$folder/module" 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Building the $name fixture failed:`n$($output -join "`n")" }
        $script:FixtureModules[$name] = Join-Path $folder 'module/ConflictingDependencies.dll'
    }

    function Invoke-BothModules {
        <#
            A fresh pwsh imports one module and uses it (so its dependencies are loaded), then the other, then uses
            both again. Returns what each call saw, and the load context of every copy of the contested assemblies.
        #>
        param([string] $FixtureModule, [string] $Order)

        $useTheirs = "Import-Module '$FixtureModule'; `$theirs += Test-ConflictingDependency"
        $useOurs = "Import-Module '$ModuleManifest'; `$ours += @(Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject).Name -join ','"
        $steps = if ($Order -eq 'theirs first') { $useTheirs, $useOurs } else { $useOurs, $useTheirs }
        $script = @"
`$ErrorActionPreference = 'Stop'
`$theirs = @(); `$ours = @()
$($steps[0])
$($steps[1])
$useTheirs
$useOurs
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { `$_.GetName().Name -in 'Microsoft.Extensions.DependencyInjection', 'System.Text.Json', 'CodeCatalyst.Engine' } |
    ForEach-Object { [pscustomobject]@{
        Name = `$_.GetName().Name; Version = `$_.GetName().Version.ToString(); Location = `$_.Location
        Shared = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_) -eq [Runtime.Loader.AssemblyLoadContext]::Default } }
[pscustomobject]@{ Theirs = `$theirs; Ours = `$ours; Loaded = @(`$loaded) } | ConvertTo-Json -Depth 4 -Compress
"@
        $shell = [Environment]::ProcessPath
        [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $lines = @(& $shell @shellArguments -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        $json = $lines | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1
        if ($LASTEXITCODE -ne 0 -or -not $json) { throw "The child pwsh failed:`n$($lines -join "`n")" }
        return $json | ConvertFrom-Json
    }
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'CodeCatalyst next to a module with <Variant> System.Text.Json and DependencyInjection, <Order>' -ForEach $Cases {
    BeforeAll {
        $script:Result = Invoke-BothModules -FixtureModule $FixtureModules[$Variant] -Order $Order
        $script:Expected = $Variants[$Variant]
    }

    It 'CodeCatalyst reaches the emulator before and after the other module is used' {
        @($Result.Ours) | Should -HaveCount 2
        foreach ($names in $Result.Ours) { $names -split ',' | Should -Contain 'build' }
    }

    It 'the other module gets the DependencyInjection it shipped, and its JSON works, each time' {
        @($Result.Theirs) | Should -HaveCount 2
        foreach ($call in $Result.Theirs) {
            $call.DependencyInjectionVersion | Should -Be "$($Expected.DependencyInjection).0"
            $call.Json | Should -Be $(if ($Variant -eq 'newer') { '{"text":"keyed hello"}' } else { '{"text":"hello"}' })
        }
    }

    It 'our DependencyInjection and engine live in a load context of their own, theirs in the shared one' {
        $injection = @($Result.Loaded | Where-Object Name -eq 'Microsoft.Extensions.DependencyInjection')
        $injection | Should -HaveCount 2
        $ourInjection = @($injection | Where-Object { $_.Location -like '*CodeCatalyst*Dependencies*' })
        $ourInjection | Should -HaveCount 1
        $ourInjection[0].Version | Should -Be '8.0.0.0'
        $ourInjection[0].Shared | Should -BeFalse
        $theirInjection = @($injection | Where-Object Location -ne $ourInjection[0].Location)
        $theirInjection[0].Version | Should -Be "$($Expected.DependencyInjection).0"
        $theirInjection[0].Shared | Should -BeTrue

        $engine = @($Result.Loaded | Where-Object Name -eq 'CodeCatalyst.Engine')
        $engine | Should -HaveCount 1
        $engine[0].Shared | Should -BeFalse
    }

    It 'one System.Text.Json serves both: the one PowerShell runs on' {
        $json = @($Result.Loaded | Where-Object Name -eq 'System.Text.Json')
        $json | Should -HaveCount 1
        $json[0].Shared | Should -BeTrue
        $json[0].Location | Should -Not -BeLike '*CodeCatalyst*'
    }
}
