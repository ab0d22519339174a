def log = new File(basedir, 'build.log').text
assert log.contains('MAJOR services[meta-pixel].hosts[*.facebook.net] [consent-host-added]')
assert log.contains('version bump too small')
