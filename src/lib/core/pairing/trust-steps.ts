/** How to trust the library's local CA on one kind of device: what to tap, what the system calls it. */
export interface TrustSteps {
  id: 'ipados' | 'android' | 'windows' | 'macos' | 'linux';
  system: string;
  steps: string[];
}

/**
 * The steps per system, shown by the app's "Add a device" and by the plain
 * HTTP page a device lands on before it trusts the CA. `caName` is the
 * certificate's name as the system lists it.
 */
export function trustSteps(caName: string): TrustSteps[] {
  return [
    {
      id: 'ipados',
      system: 'iPad and iPhone',
      steps: [
        'Open the certificate link in Safari and tap Allow: iPadOS saves it as a profile.',
        'Settings → Profile Downloaded (or General → VPN & Device Management) → Install, and enter the passcode.',
        `Settings → General → About → Certificate Trust Settings: turn on “${caName}”.`,
      ],
    },
    {
      id: 'android',
      system: 'Android',
      steps: [
        'Download the certificate.',
        'Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate (search Settings for “CA certificate” if your phone names it differently).',
        'Tap Install anyway, and choose the downloaded file. Chrome trusts it from then on.',
      ],
    },
    {
      id: 'windows',
      system: 'Windows',
      steps: [
        'Download the certificate and open it: Install Certificate… → Current User.',
        'Place all certificates in the following store → Browse → Trusted Root Certification Authorities → Finish, and Yes to the warning.',
        'Restart the browser (Chrome and Edge use this store; Firefox: Settings → Privacy & Security → View Certificates → Authorities → Import).',
      ],
    },
    {
      id: 'macos',
      system: 'macOS',
      steps: [
        'Download the certificate and double-click it: Keychain Access adds it to the login keychain.',
        `Double-click “${caName}” → Trust → When using this certificate: Always Trust, and confirm with your password.`,
      ],
    },
    {
      id: 'linux',
      system: 'Linux',
      steps: [
        'Download the certificate.',
        'Chrome: Settings → Privacy and security → Security → Manage certificates → Authorities → Import, and tick “Trust this certificate for identifying websites”.',
        'Firefox: Settings → Privacy & Security → View Certificates → Authorities → Import, and tick “Trust this CA to identify websites”.',
        'The system itself (Debian, Ubuntu): sudo cp colophon-ca.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates.',
      ],
    },
  ];
}
