def log = new File(basedir, 'build.log').text
assert log.contains('Samtykke: jackon.json: OK (policy jackon 1.0')
