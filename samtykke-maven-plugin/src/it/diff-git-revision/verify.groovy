def log = new File(basedir, 'build.log').text
assert log.contains('Samtykke: jackon 1.0 -> 2.0: 1 difference(s), change MAJOR, required version 2.0')
assert log.contains('MAJOR services[meta-pixel].hosts[*.facebook.net] [consent-host-added]')
