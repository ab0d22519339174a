window.analyticsRan = true;
