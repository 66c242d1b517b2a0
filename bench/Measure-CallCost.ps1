#Requires -Version 7.4
<#
.SYNOPSIS
    Measures what a CodeCatalyst call costs in real PowerShell, against a canned loopback server, and prints it
    side by side with the floor (HttpClient from a script plus a trivial cmdlet) and with Invoke-RestMethod.

.DESCRIPTION
    Run from the repository root after 'dotnet build CodeCatalyst.sln':

        dotnet tool restore
        dotnet pwsh -NoProfile -File bench/Measure-CallCost.ps1

    It builds and starts bench/CannedServer twice (one answering at once, one answering after -DelayMilliseconds),
    then measures, all in this one process unless said otherwise:
      - per-call microseconds, best of -Rounds rounds of -Calls calls, rounds interleaved so noise hits all alike:
        HttpClient from script, Get-Date, the two alternated in one loop, the same HttpClient request made by a
        compiled cmdlet (bench/CallProbe), Get-CCWorkflowRun -Id (token from AWS_BEARER_TOKEN_CODECATALYST),
        Get-CCWorkflowRun -Id after Connect-CCAccount, Invoke-RestMethod; target: Get-CCWorkflowRun <= 1.3 x
        (HttpClient + Get-Date), printed against both the two measured apart and the two in one loop;
      - items/s of a 10,000-run listing through the module (target >= 100,000/s) and the peak working set and GC
        heap after listing 10,000 and then 50,000 runs (flat memory: the larger listing must not need more);
      - import time against a bare 'pwsh -c 1', fresh processes, median of -Starts (target <= 1.2 x);
      - a cold runbook (fresh pwsh: import, one call) against the same with Invoke-RestMethod (target <= 1.0 x);
      - Get-CCWorkflowRun with -ConcurrentIds ids against the delayed server, against the same ids one call at a
        time (target >= 5 x faster);
      - what an Amplify call (SigV4-signed) costs next to a CodeCatalyst call (bearer token), rounds interleaved as
        in PerCall: Get-CCAmplifyJob -JobId with the keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and with
        -AccessKey/-SecretKey, Get-CCWorkflowRun -Id, the bare call in a compiled cmdlet unsigned and signed by the
        module's SigV4Signer, and the signer alone in a C# loop (bench/CallProbe). No target: it reports the cost.
    -Section runs only some of these (PerCall, Listing, Concurrent, FreshProcess, Amplify); Amplify is skipped for a
    module without Get-CCAmplifyJob.
    Exits 0 whatever the results: it reports, it does not gate a build on a noisy machine.
#>
[CmdletBinding()]
param(
    [int] $Rounds = 7,
    [int] $Calls = 300,
    [double] $WarmUpSeconds = 3,
    [int] $Starts = 5,
    [int] $DelayMilliseconds = 50,
    [int] $ConcurrentIds = 40,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/CodeCatalyst/CodeCatalyst.psd1'),
    [ValidateSet('PerCall', 'Listing', 'Concurrent', 'FreshProcess', 'Amplify')]
    [string[]] $Section = @('PerCall', 'Listing', 'Concurrent', 'FreshProcess', 'Amplify')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path $ModulePath).Path
$serverProject = Join-Path $PSScriptRoot 'CannedServer/CodeCatalyst.Benchmarks.CannedServer.csproj'
$serverDll = Join-Path $PSScriptRoot 'CannedServer/bin/Release/net10.0/CodeCatalyst.Benchmarks.CannedServer.dll'
$dotnet = [Environment]::ProcessPath          # dotnet, when started as 'dotnet pwsh'; pwsh itself otherwise
[string[]] $pwshArguments = if ([IO.Path]::GetFileNameWithoutExtension($dotnet) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }

$probeProject = Join-Path $PSScriptRoot 'CallProbe/CodeCatalyst.Benchmarks.CallProbe.csproj'
$probeDll = Join-Path $PSScriptRoot 'CallProbe/bin/Release/netstandard2.0/CodeCatalyst.Benchmarks.CallProbe.dll'
foreach ($project in $serverProject, $probeProject) {
    & dotnet build $project -c Release -nologo -v q | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Building $project failed." }
}

function Start-CannedServer([int] $Delay) {
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($serverDll, '--delay-ms', $Delay)) { $start.ArgumentList.Add([string]$argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^Listening on (\S+)') { $process.Kill(); throw "The canned server did not start: $line" }
    [pscustomobject]@{ Process = $process; Url = $Matches[1] }
}

function Stop-CannedServer($Server) {
    if (-not $Server) { return }
    $Server.Process.StandardInput.Close()      # the server stops when its standard input closes
    if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
}

$self = [Diagnostics.Process]::GetCurrentProcess()

# Wall-clock and CPU microseconds per call (CPU of this process, all threads: steadier on a busy machine).
function Measure-PerCall([scriptblock] $Call, [int] $Count) {
    $self.Refresh()
    $cpuBefore = $self.TotalProcessorTime
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Call $Count
    $watch.Stop()
    $self.Refresh()
    [pscustomobject]@{
        Wall = $watch.Elapsed.TotalMilliseconds * 1000 / $Count
        Cpu  = ($self.TotalProcessorTime - $cpuBefore).TotalMilliseconds * 1000 / $Count
    }
}

function Measure-Median([scriptblock] $Run, [int] $Count) {
    $times = foreach ($i in 1..$Count) { (Measure-Command $Run).TotalMilliseconds }
    $sorted = @($times | Sort-Object)
    $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

function Format-Verdict([bool] $Pass) { if ($Pass) { 'PASS' } else { 'FAIL' } }

# Warm-up, then $Rounds rounds of every case in turn, so noise hits all alike; the best round of each, wall and CPU.
# $Extra (optional) runs once per round after the cases, for measurements that are not calls (the signing loop).
function Measure-Cases([Collections.Specialized.OrderedDictionary] $Cases, [scriptblock] $Extra) {
    # Warm-up until the JIT has settled: .NET promotes hot methods to optimized code only after a quiet spell
    # without new compilation, which a PowerShell session (always compiling script blocks) reaches late.
    foreach ($case in $Cases.Values) {
        $warm = [Diagnostics.Stopwatch]::StartNew()
        while ($warm.Elapsed.TotalSeconds -lt $WarmUpSeconds) { $null = Measure-PerCall $case 50 }
    }
    if ($Extra) { $null = & $Extra }
    $best = [ordered]@{}
    $bestCpu = @{}
    foreach ($name in $Cases.Keys) { $best[$name] = [double]::MaxValue; $bestCpu[$name] = [double]::MaxValue }
    $extraSamples = foreach ($round in 1..$Rounds) {
        foreach ($name in $Cases.Keys) {
            $sample = Measure-PerCall $Cases[$name] $Calls
            $best[$name] = [Math]::Min($best[$name], $sample.Wall)
            $bestCpu[$name] = [Math]::Min($bestCpu[$name], $sample.Cpu)
        }
        if ($Extra) { & $Extra }
    }
    [pscustomobject]@{ Wall = $best; Cpu = $bestCpu; Extra = @($extraSamples) }
}

$fast = $null
$slow = $null
try {
    $fast = Start-CannedServer 0
    $slow = Start-CannedServer $DelayMilliseconds
    $token = 'canned-benchmark-token'
    $space = 'bench-space'
    $project = 'bench-project'
    $runId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'
    $runUrl = "$($fast.Url)v1/spaces/$space/projects/$project/workflowRuns/$runId"

    Import-Module $ModulePath
    Import-Module $probeDll
    $env:AWS_BEARER_TOKEN_CODECATALYST = $token
    $env:AWS_ENDPOINT_URL_CODECATALYST = $fast.Url
    $secureToken = ConvertTo-SecureString $token -AsPlainText -Force
    $httpClient = [Net.Http.HttpClient]::new()

    # Each measured block runs $n calls; they are as alike as the tools allow: same URL, same token, body read.
    $cases = [ordered]@{
        'HttpClient from script'                  = {
            param($n)
            for ($i = 0; $i -lt $n; $i++) {
                $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Get, $runUrl)
                $null = $request.Headers.TryAddWithoutValidation('Authorization', "Bearer $token")
                $response = $httpClient.SendAsync($request).GetAwaiter().GetResult()
                $null = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
                $response.Dispose()
            }
        }
        'Get-Date (trivial cmdlet)'               = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Get-Date } }
        # The same two, alternated in one loop: the engine's work between two requests lets the pool threads that
        # finish a request go idle, so each request costs more than in a tight loop of requests (FINDINGS.md).
        'HttpClient and Get-Date in one loop'     = {
            param($n)
            for ($i = 0; $i -lt $n; $i++) {
                $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Get, $runUrl)
                $null = $request.Headers.TryAddWithoutValidation('Authorization', "Bearer $token")
                $response = $httpClient.SendAsync($request).GetAwaiter().GetResult()
                $null = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
                $response.Dispose()
                $null = Get-Date
            }
        }
        # What any compiled cmdlet pays for the same request, before the module adds anything of its own.
        'bare call in a compiled cmdlet'          = {
            param($n)
            for ($i = 0; $i -lt $n; $i++) { $null = Invoke-BareHttpCall -Uri $runUrl -Token $token }
        }
        'Get-CCWorkflowRun -Id (env token)'       = {
            param($n)
            Disconnect-CCAccount -ErrorAction SilentlyContinue
            for ($i = 0; $i -lt $n; $i++) { $null = Get-CCWorkflowRun -SpaceName $space -ProjectName $project -Id $runId }
        }
        'Get-CCWorkflowRun -Id (Connect-CCAccount)' = {
            param($n)
            Connect-CCAccount -Token $secureToken -EndpointUrl $fast.Url -SpaceName $space -ProjectName $project | Out-Null
            for ($i = 0; $i -lt $n; $i++) { $null = Get-CCWorkflowRun -Id $runId }
            Disconnect-CCAccount
        }
        'Invoke-RestMethod'                       = {
            param($n)
            $headers = @{ Authorization = "Bearer $token" }
            for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Uri $runUrl -Headers $headers }
        }
    }

    if ($Section -contains 'PerCall') {
        Write-Host "CodeCatalyst per-call cost: $Rounds rounds x $Calls calls, best round; PowerShell $($PSVersionTable.PSVersion), $([Environment]::ProcessorCount) cores"
        $measured = Measure-Cases $cases
        $best = $measured.Wall
        $bestCpu = $measured.Cpu

        $floor = $best['HttpClient from script'] + $best['Get-Date (trivial cmdlet)']
        $floorCpu = $bestCpu['HttpClient from script'] + $bestCpu['Get-Date (trivial cmdlet)']
        '  {0,-44} {1,8} {2,12}' -f '', 'wall', 'CPU (all threads)' | Write-Host
        foreach ($name in $best.Keys) { '  {0,-44} {1,8:N1} us {2,8:N1} us' -f $name, $best[$name], $bestCpu[$name] | Write-Host }
        foreach ($name in 'bare call in a compiled cmdlet', 'Get-CCWorkflowRun -Id (env token)', 'Get-CCWorkflowRun -Id (Connect-CCAccount)') {
            $ratio = $best[$name] / $floor
            '  {0,-44} {1,8:N2} x floor (HttpClient + Get-Date), CPU {2:N2} x   target <= 1.30  {3}' -f $name, $ratio,
                ($bestCpu[$name] / $floorCpu), (Format-Verdict ($ratio -le 1.3)) | Write-Host
            $oneLoopRatio = $best[$name] / $best['HttpClient and Get-Date in one loop']
            '  {0,-44} {1,8:N2} x HttpClient and Get-Date in one loop, CPU {2:N2} x   target <= 1.30  {3}' -f '', $oneLoopRatio,
                ($bestCpu[$name] / $bestCpu['HttpClient and Get-Date in one loop']), (Format-Verdict ($oneLoopRatio -le 1.3)) | Write-Host
        }
        '  {0,-44} {1,8:N2} x Get-CCWorkflowRun -Id (env token)' -f 'Invoke-RestMethod', ($best['Invoke-RestMethod'] / $best['Get-CCWorkflowRun -Id (env token)']) |
            Write-Host
    }

    if ($Section -contains 'Amplify' -and -not (Get-Command Get-CCAmplifyJob -Module CodeCatalyst -ErrorAction SilentlyContinue)) {
        Write-Host "`nAmplify: skipped, this build of the module has no Get-CCAmplifyJob."
    }
    elseif ($Section -contains 'Amplify') {
        # The same canned server answers GetJob without checking the signature, so the two services differ only in
        # what the client does: a bearer header against a SigV4 signature, credentials and region resolved per call.
        $amplifyEnvironment = @{
            AWS_REGION                  = 'us-east-1'
            AWS_ENDPOINT_URL_AMPLIFY    = $fast.Url
            AWS_ACCESS_KEY_ID           = 'AKIAIOSFODNN7EXAMPLE'
            AWS_SECRET_ACCESS_KEY       = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
            # Files that do not exist: a developer's own ~/.aws must not change what is measured.
            AWS_CONFIG_FILE             = Join-Path ([IO.Path]::GetTempPath()) "cc-bench-$PID-no-config"
            AWS_SHARED_CREDENTIALS_FILE = Join-Path ([IO.Path]::GetTempPath()) "cc-bench-$PID-no-credentials"
        }
        $savedEnvironment = @{}
        foreach ($name in $amplifyEnvironment.Keys) {
            $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $amplifyEnvironment[$name])
        }
        try {
            $appId = 'd2abc'
            $branch = 'main'
            $jobId = '12'
            $jobUrl = "$($fast.Url)apps/$appId/branches/$branch/jobs/$jobId"
            $accessKey = $amplifyEnvironment.AWS_ACCESS_KEY_ID
            $secretKey = ConvertTo-SecureString $amplifyEnvironment.AWS_SECRET_ACCESS_KEY -AsPlainText -Force
            $amplifyCases = [ordered]@{}
            foreach ($name in 'HttpClient from script', 'Get-Date (trivial cmdlet)', 'HttpClient and Get-Date in one loop',
                'bare call in a compiled cmdlet', 'Get-CCWorkflowRun -Id (env token)') {
                $amplifyCases[$name] = $cases[$name]
            }
            $amplifyCases['bare signed call in a compiled cmdlet'] = {
                param($n)
                for ($i = 0; $i -lt $n; $i++) { $null = Invoke-BareSignedHttpCall -Uri $jobUrl }
            }
            $amplifyCases['Get-CCAmplifyJob -JobId (env keys)'] = {
                param($n)
                for ($i = 0; $i -lt $n; $i++) { $null = Get-CCAmplifyJob -AppId $appId -BranchName $branch -JobId $jobId }
            }
            $amplifyCases['Get-CCAmplifyJob -JobId (-AccessKey/-SecretKey)'] = {
                param($n)
                for ($i = 0; $i -lt $n; $i++) {
                    $null = Get-CCAmplifyJob -AppId $appId -BranchName $branch -JobId $jobId -AccessKey $accessKey -SecretKey $secretKey
                }
            }
            # A wrong answer would be measured as fast as a right one: check one call of each kind first.
            $job = Get-CCAmplifyJob -AppId $appId -BranchName $branch -JobId $jobId
            if ($job.Status -ne 'SUCCEED' -or @($job.Steps).Count -ne 3) { throw "Get-CCAmplifyJob did not read the canned job." }

            Write-Host ''
            Write-Host "Amplify (SigV4) against CodeCatalyst (bearer) per call: $Rounds rounds x $Calls calls, best round"
            # Short loops, like the rounds of calls: on a busy machine a short sample is more likely to see a quiet spell.
            $signing = { Measure-SigV4Signing -Uri $jobUrl -Count 2000 }
            $measured = Measure-Cases $amplifyCases $signing
            $best = $measured.Wall
            $bestCpu = $measured.Cpu
            '  {0,-48} {1,8} {2,12}' -f '', 'wall', 'CPU (all threads)' | Write-Host
            foreach ($name in $best.Keys) { '  {0,-48} {1,8:N1} us {2,8:N1} us' -f $name, $best[$name], $bestCpu[$name] | Write-Host }
            $signingBest = ($measured.Extra | Sort-Object Microseconds | Select-Object -First 1)
            '  {0,-48} {1,8:N1} us, {2:N0} bytes allocated (best of {3} loops of 2,000)' -f 'SigV4Signer alone (C# loop, no request)',
                $signingBest.Microseconds, $signingBest.BytesAllocated, $Rounds | Write-Host
            $oneLoop = $best['HttpClient and Get-Date in one loop']
            $codeCatalyst = $best['Get-CCWorkflowRun -Id (env token)']
            foreach ($name in 'Get-CCAmplifyJob -JobId (env keys)', 'Get-CCAmplifyJob -JobId (-AccessKey/-SecretKey)') {
                '  {0,-48} {1,8:N2} x Get-CCWorkflowRun (+{2:N1} us, CPU +{3:N1} us), {4:N2} x one-loop floor' -f $name,
                    ($best[$name] / $codeCatalyst), ($best[$name] - $codeCatalyst),
                    ($bestCpu[$name] - $bestCpu['Get-CCWorkflowRun -Id (env token)']), ($best[$name] / $oneLoop) | Write-Host
            }
            '  {0,-48} +{1,7:N1} us wall, CPU +{2:N1} us' -f 'Signing in a compiled cmdlet (signed - bare call)',
                ($best['bare signed call in a compiled cmdlet'] - $best['bare call in a compiled cmdlet']),
                ($bestCpu['bare signed call in a compiled cmdlet'] - $bestCpu['bare call in a compiled cmdlet']) | Write-Host
        }
        finally {
            foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
        }
    }

    if ($Section -contains 'Listing') {
        # Listing: items stream to Out-Null, so nothing but the module holds them.
        $listed = { param($total) Get-CCWorkflowRun -SpaceName $space -ProjectName "bench-$total" | Out-Null }
        $warm = [Diagnostics.Stopwatch]::StartNew()
        while ($warm.Elapsed.TotalSeconds -lt $WarmUpSeconds) { & $listed 10000 }
        $listBest = [double]::MaxValue
        $listCpuBest = [double]::MaxValue
        foreach ($round in 1..$Rounds) {
            $sample = Measure-PerCall { & $listed 10000 } 10000
            $listBest = [Math]::Min($listBest, $sample.Wall)
            $listCpuBest = [Math]::Min($listCpuBest, $sample.Cpu)
        }
        $itemsPerSecond = 1e6 / $listBest
        Write-Host ''
        '  {0,-44} {1,8:N0} items/s ({2:N1} us CPU an item)   target >= 100,000  {3}' -f "Listing 10,000 runs (best of $Rounds)", $itemsPerSecond,
            $listCpuBest, (Format-Verdict ($itemsPerSecond -ge 100000)) | Write-Host

        $memory = foreach ($total in 10000, 50000) {
            & $listed $total
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $self.Refresh()
            [pscustomobject]@{ Total = $total; PeakWorkingSetMB = $self.PeakWorkingSet64 / 1MB; HeapMB = [GC]::GetTotalMemory($true) / 1MB }
        }
        foreach ($m in $memory) {
            '  {0,-44} peak working set {1,7:N1} MB, GC heap after {2,6:N1} MB' -f "After listing $($m.Total.ToString('N0')) runs", $m.PeakWorkingSetMB, $m.HeapMB |
                Write-Host
        }
        $growth = $memory[1].PeakWorkingSetMB - $memory[0].PeakWorkingSetMB
        '  {0,-44} {1,8:N1} MB more peak working set for 5x the items   target < 16 MB  {2}' -f 'Flat memory', $growth, (Format-Verdict ($growth -lt 16)) |
            Write-Host
    }

    if ($Section -contains 'Concurrent') {
        # Many ids against a server that answers in $DelayMilliseconds ms: concurrently, and one call at a time.
        $ids = foreach ($i in 0..($ConcurrentIds - 1)) { '00000000-0000-4000-8000-{0:x12}' -f $i }
        $slowArguments = @{ SpaceName = $space; ProjectName = $project; EndpointUrl = $slow.Url }
        $null = Get-CCWorkflowRun @slowArguments -Id $ids[0]
        $concurrentRuns = $null
        $concurrent = (Measure-Command { $script:concurrentRuns = Get-CCWorkflowRun @slowArguments -Id $ids }).TotalMilliseconds
        $oneByOne = (Measure-Command { foreach ($id in $ids) { $null = Get-CCWorkflowRun @slowArguments -Id $id } }).TotalMilliseconds
        $inOrder = ($script:concurrentRuns.Id -join ',') -eq ($ids -join ',')
        $speedUp = $oneByOne / $concurrent
        Write-Host ''
        '  {0,-44} {1,8:N0} ms  (in input order: {2})' -f "Get-CCWorkflowRun -Id <$ConcurrentIds ids>", $concurrent, $inOrder | Write-Host
        '  {0,-44} {1,8:N0} ms' -f "The same, one call at a time", $oneByOne | Write-Host
        '  {0,-44} {1,8:N2} x faster   target >= 5  {2}' -f "Concurrent -Id (server answers in $DelayMilliseconds ms)", $speedUp, (Format-Verdict ($speedUp -ge 5 -and $inOrder)) |
            Write-Host
    }

    if ($Section -contains 'FreshProcess') {
        # Fresh processes: what a runbook pays to start. Interleaved, median of $Starts.
        $fresh = {
            param($command)
            $environment = "`$env:AWS_BEARER_TOKEN_CODECATALYST='$token'; `$env:AWS_ENDPOINT_URL_CODECATALYST='$($fast.Url)'; "
            & $dotnet @pwshArguments -NoProfile -NonInteractive -Command ($environment + $command) | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "pwsh failed: $command" }
        }
        $commands = [ordered]@{
            'bare pwsh -c 1'                 = '1'
            'pwsh: Import-Module'            = "Import-Module '$ModulePath'"
            'cold runbook: Get-CCWorkflowRun' = "Import-Module '$ModulePath'; `$null = Get-CCWorkflowRun -SpaceName $space -ProjectName $project -Id $runId"
            'cold runbook: Invoke-RestMethod' = "`$null = Invoke-RestMethod -Uri '$runUrl' -Headers @{ Authorization = 'Bearer $token' }"
        }
        $samples = @{}
        foreach ($name in $commands.Keys) { $samples[$name] = [Collections.Generic.List[double]]::new() }
        foreach ($name in $commands.Keys) { & $fresh $commands[$name] }   # warm the disk cache
        foreach ($start in 1..$Starts) {
            foreach ($name in $commands.Keys) {
                $samples[$name].Add((Measure-Command { & $fresh $commands[$name] }).TotalMilliseconds)
            }
        }

        $median = @{}
        foreach ($name in $commands.Keys) {
            $sorted = @($samples[$name] | Sort-Object)
            $median[$name] = $sorted[[int][Math]::Floor($sorted.Count / 2)]
        }

        Write-Host ''
        foreach ($name in $commands.Keys) { '  {0,-44} {1,8:N0} ms (median of {2})' -f $name, $median[$name], $Starts | Write-Host }
        $importRatio = $median['pwsh: Import-Module'] / $median['bare pwsh -c 1']
        $coldRatio = $median['cold runbook: Get-CCWorkflowRun'] / $median['cold runbook: Invoke-RestMethod']
        '  {0,-44} {1,8:N2} x bare start   target <= 1.20  {2}' -f 'Import', $importRatio, (Format-Verdict ($importRatio -le 1.2)) | Write-Host
        '  {0,-44} {1,8:N2} x Invoke-RestMethod   target <= 1.00  {2}' -f 'Cold runbook', $coldRatio, (Format-Verdict ($coldRatio -le 1.0)) |
            Write-Host
    }
}
finally {
    Remove-Item Env:AWS_BEARER_TOKEN_CODECATALYST, Env:AWS_ENDPOINT_URL_CODECATALYST -ErrorAction SilentlyContinue
    if (Get-Variable httpClient -ErrorAction SilentlyContinue) { $httpClient.Dispose() }
    Stop-CannedServer $fast
    Stop-CannedServer $slow
}
