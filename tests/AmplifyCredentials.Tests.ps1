#Requires -Version 7.4
<#
    The Amplify cmdlets in a real PowerShell with no keys given, finding their AWS credentials as a runbook on AWS
    would: a profile that assumes a role from a source profile (STS AssumeRole), and a container's credentials
    endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI with its authorization token). The emulator serves both, checks
    that Amplify calls are signed by the temporary credentials it issued, and no secret may show in any stream.
    Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/AmplifyCredentials.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ContainerToken = 'pester-container-authorization-token'
    $script:RoleArn = 'arn:aws:iam::111122223333:role/amplify-deployer'
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment -ContainerAuthorizationToken $ContainerToken
    $script:SavedAwsEnvironment = Set-AmplifyStoryEnvironment $Emulator $TestDrive

    # No keys in the environment: each story names its source. STS and Amplify are the emulator.
    $script:SavedIdentityEnvironment = @{}
    $identityEnvironment = @{
        AWS_ACCESS_KEY_ID = $null
        AWS_SECRET_ACCESS_KEY = $null
        AWS_ENDPOINT_URL_STS = $Emulator.Url
        AWS_CONFIG_FILE = Join-Path $TestDrive 'config'
        AWS_SHARED_CREDENTIALS_FILE = Join-Path $TestDrive 'credentials'
        AWS_CONTAINER_AUTHORIZATION_TOKEN = $null
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = $null
    }
    foreach ($name in $identityEnvironment.Keys) {
        $script:SavedIdentityEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvironmentValue $name $identityEnvironment[$name]
    }

    Set-Content -LiteralPath (Join-Path $TestDrive 'credentials') -Value @"
[ci]
aws_access_key_id = $AccessKeyId
aws_secret_access_key = $SecretAccessKey
"@
    Set-Content -LiteralPath (Join-Path $TestDrive 'config') -Value @"
[profile deploy]
role_arn = $RoleArn
source_profile = ci
role_session_name = pester-deploy
region = us-east-1

[profile badsession]
role_arn = $RoleArn
source_profile = ci
role_session_name = not allowed
region = us-east-1
"@
}

AfterAll {
    if ($script:SavedIdentityEnvironment) {
        foreach ($name in $script:SavedIdentityEnvironment.Keys) {
            Set-EnvironmentValue $name $script:SavedIdentityEnvironment[$name]
        }
    }
    Restore-AmplifyStoryEnvironment $script:SavedAwsEnvironment
    Reset-StoryEnvironment $script:Emulator
}

Describe 'A profile that assumes a role from a source profile' {
    BeforeEach { Clear-EmulatorRequest $Emulator }

    It 'lists the apps signed by the credentials STS issued for the role, which the source key asked for' {
        $apps = @(Get-CCAmplifyApp -ProfileName deploy)

        ($apps.AppId | Sort-Object) | Should -Be @('d2abc', 'd3docs4portal')
        $assumeRole = Get-EmulatorRequest $Emulator -Operation AssumeRole
        $assumeRole | Should -HaveCount 1
        $assumeRole[0].statusCode | Should -Be 200
        $assumeRole[0].awsAccessKeyId | Should -Be $AccessKeyId
        $listApps = Get-EmulatorRequest $Emulator -Operation ListApps
        $listApps | Should -HaveCount 1
        $listApps[0].statusCode | Should -Be 200
        $listApps[0].awsAccessKeyId | Should -Match '^ASIA[A-Z2-7]{9}EXAMPLE$'
    }

    It 'is also found through AWS_PROFILE, and -Verbose names where the credentials came from' {
        $env:AWS_PROFILE = 'deploy'
        try {
            $verbose = Get-CCAmplifyApp -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        }
        finally {
            $env:AWS_PROFILE = $null
        }

        ($verbose.Message -join "`n") | Should -Match "profile 'deploy' \(assume role arn:aws:iam::111122223333:role/amplify-deployer"
        (Get-EmulatorRequest $Emulator -Operation ListApps).Count | Should -Be 1
    }

    It 'shows no secret and no session token in any stream' {
        $streams = Get-CCAmplifyApp -ProfileName deploy -Verbose -Debug *>&1 | ForEach-Object { $_ | Out-String -Width 300 }

        $streams | Assert-NoSecret
        ($streams -join "`n") | Should -Match 'X-Amz-Security-Token: <redacted>'
    }

    It 'stops with one error carrying STS''s code when STS refuses the role, and calls no Amplify operation' {
        # Without credentials nothing can go on: the error is terminating.
        $failure = $null
        try { Get-CCAmplifyApp -ProfileName badsession } catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        "$failure" | Should -Match 'ValidationError'
        "$failure" | Should -Match "profile 'badsession'"
        (Get-EmulatorRequest $Emulator -Operation AssumeRole)[0].statusCode | Should -Be 400
        (Get-EmulatorRequest $Emulator -Operation ListApps).Count | Should -Be 0
        @($failure | Out-String -Width 300; $failure.Exception.ToString()) | Assert-NoSecret
    }
}

Describe 'Credentials from a container''s credentials endpoint' {
    BeforeAll {
        $script:ContainerUri = "$($Emulator.Url)/container-credentials/pester-task"
        $env:AWS_CONTAINER_CREDENTIALS_FULL_URI = $ContainerUri
        $env:AWS_CONTAINER_AUTHORIZATION_TOKEN = $ContainerToken
    }

    AfterAll {
        $env:AWS_CONTAINER_CREDENTIALS_FULL_URI = $null
        $env:AWS_CONTAINER_AUTHORIZATION_TOKEN = $null
    }

    BeforeEach { Clear-EmulatorRequest $Emulator }

    It 'lists the apps signed by the credentials the endpoint hands out' {
        $apps = @(Get-CCAmplifyApp)

        ($apps.AppId | Sort-Object) | Should -Be @('d2abc', 'd3docs4portal')
        # The endpoint hands out the same credentials until they near expiry, as ECS does.
        $document = Invoke-RestMethod -Uri $ContainerUri -Headers @{ Authorization = $ContainerToken }
        (Get-EmulatorRequest $Emulator -Operation GetContainerCredentials)[0].statusCode | Should -Be 200
        (Get-EmulatorRequest $Emulator -Operation ListApps)[0].awsAccessKeyId | Should -Be $document.AccessKeyId
    }

    It 'shows none of the container''s secrets in any stream, nor in the emulator''s console' {
        $document = Invoke-RestMethod -Uri $ContainerUri -Headers @{ Authorization = $ContainerToken }
        $secrets = @($document.SecretAccessKey, $document.Token, $ContainerToken)

        $streams = Get-CCAmplifyApp -Verbose -Debug *>&1 | ForEach-Object { $_ | Out-String -Width 300 }

        $streams | Assert-NoSecret -Also $secrets
        Get-Content -LiteralPath $Emulator.LogPath | Assert-NoSecret -Also $secrets
    }

    It 'stops with one error when the authorization token is missing, after the endpoint refused each attempt' {
        $env:AWS_CONTAINER_AUTHORIZATION_TOKEN = $null
        $failure = $null
        try { Get-CCAmplifyApp } catch { $failure = $_ }
        finally { $env:AWS_CONTAINER_AUTHORIZATION_TOKEN = $ContainerToken }

        $failure | Should -Not -BeNullOrEmpty
        "$failure" | Should -Match 'HTTP 401'
        $containerRequests = Get-EmulatorRequest $Emulator -Operation GetContainerCredentials
        $containerRequests.Count | Should -BeGreaterThan 0
        $containerRequests.statusCode | Sort-Object -Unique | Should -Be 401
        (Get-EmulatorRequest $Emulator -Operation ListApps).Count | Should -Be 0
    }
}

Describe 'An access key stored by Connect-CCAccount' {
    BeforeEach { Clear-EmulatorRequest $Emulator }
    AfterEach { Disconnect-CCAccount -Confirm:$false }

    It 'is checked with STS GetCallerIdentity, then signs the Amplify calls in the stored Region without being given again' {
        $secret = ConvertTo-SecureString $SecretAccessKey -AsPlainText -Force
        $context = Connect-CCAccount -Credential ([pscredential]::new($AccessKeyId, $secret)) -Region eu-west-1

        $context.Region | Should -Be 'eu-west-1'
        $context.AwsCredentialSource | Should -Be ('-Credential (' + ('*' * ($AccessKeyId.Length - 4)) + $AccessKeyId.Substring($AccessKeyId.Length - 4) + ')')
        $context.AwsIdentity | Should -Match '^arn:aws:'
        (Get-EmulatorRequest $Emulator -Operation GetCallerIdentity)[0].awsAccessKeyId | Should -Be $AccessKeyId

        $verbose = Get-CCAmplifyApp -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Region eu-west-1'
        ($verbose.Message -join "`n") | Should -Match 'Connect-CCAccount -Credential'
        (Get-EmulatorRequest $Emulator -Operation ListApps)[0].awsAccessKeyId | Should -Be $AccessKeyId
    }

    It 'is refused with STS''s code, stores nothing and shows the wrong secret nowhere' {
        $wrong = 'wrongSecretKeyThatMustNotAppearAnywhere0000'
        # A key that cannot be used ends the command: the error is terminating, as for any credential failure.
        $failure = $null
        $streams = try {
            Connect-CCAccount -AccessKey $AccessKeyId -SecretKey (ConvertTo-SecureString $wrong -AsPlainText -Force) -Region us-east-1 -Verbose -Debug *>&1 |
                ForEach-Object { $_ | Out-String -Width 300 }
        }
        catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$failure" | Should -Match 'SignatureDoesNotMatch'
        @($streams) + @($failure | Out-String -Width 300; $failure.Exception.ToString()) | Assert-NoSecret -Also $wrong
        Get-Variable -Scope Global -Name __CodeCatalystConnectionDefaults -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
